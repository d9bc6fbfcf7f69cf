package dev.tollgate.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The relay's UTF-8 check against the JDK's strict decoder, whole and split at every point, masked and not. */
class Utf8ValidatorTest {

    private static final int RANDOM_CASES = 20_000;

    @ParameterizedTest
    @ValueSource(strings = {
        "", "41", "c3a9", "e282ac", "f09f9880", "f48fbfbf", "7f", "efbbbf",
        // invalid: lone continuation, overlong forms, surrogates, above U+10FFFF, truncated, bytes never used
        "80", "c0af", "e080af", "f08080af", "eda080", "edbfbf", "f4908080", "f5808080", "c3", "e282", "f09f98", "fe",
        "ff"})
    void agreesWithTheJdkOnEdgeCases(String hex) {
        assertAgrees(HexFormat.of().parseHex(hex));
    }

    @Test
    void agreesWithTheJdkOnRandomBytesSplitAnywhereAndMasked() {
        Random random = new Random(6455);
        for (int i = 0; i < RANDOM_CASES; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int j = 0; j < bytes.length; j++) {
                // Mostly bytes that start or continue multi-byte sequences, where the rules are.
                bytes[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
            }
            assertAgrees(bytes);
        }
    }

    private static void assertAgrees(byte[] bytes) {
        boolean valid = jdkAccepts(bytes);
        assertThat(Utf8Validator.isValid(Unpooled.wrappedBuffer(bytes), 0, bytes.length))
                .as("%s", HexFormat.of().formatHex(bytes)).isEqualTo(valid);
        int mask = 0x5a3c96f1;
        ByteBuf masked = Unpooled.wrappedBuffer(bytes.clone());
        Masking.mask(masked, 0, bytes.length, mask);
        for (int split = 0; split <= bytes.length; split++) {
            Utf8Validator validator = new Utf8Validator();
            // Two fragments, each masked from its own start, as two frames would be.
            ByteBuf first = Unpooled.wrappedBuffer(bytes.clone());
            ByteBuf second = Unpooled.wrappedBuffer(bytes.clone());
            Masking.mask(first, 0, split, mask);
            Masking.mask(second, split, bytes.length - split, mask);
            boolean accepted = validator.feed(first, 0, split, mask)
                    && validator.feed(second, split, bytes.length - split, mask) && validator.complete();
            assertThat(accepted).as("%s split at %d", HexFormat.of().formatHex(bytes), split).isEqualTo(valid);
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
