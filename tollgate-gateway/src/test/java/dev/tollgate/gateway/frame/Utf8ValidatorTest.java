package dev.tollgate.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /**
     * Text as it is mostly sent: runs of ASCII, which the validator skips a word at a time, around multi-byte and
     * invalid sequences, at every alignment to the mask and to the word, in heap, direct and composite buffers.
     */
    @Test
    void agreesWithTheJdkOnAsciiRunsAroundOtherBytesInEveryKindOfBuffer() {
        Random random = new Random(1007);
        byte[][] pieces = {
            HexFormat.of().parseHex("c3a9"), HexFormat.of().parseHex("e282ac"), HexFormat.of().parseHex("f09f9880"),
            HexFormat.of().parseHex("80"), HexFormat.of().parseHex("eda080"), HexFormat.of().parseHex("c3"),
            HexFormat.of().parseHex("ff")};
        for (int i = 0; i < RANDOM_CASES / 4; i++) {
            ByteBuffer text = ByteBuffer.allocate(200);
            int parts = random.nextInt(4);
            for (int p = 0; p <= parts; p++) {
                for (int a = random.nextInt(40); a > 0; a--) {
                    text.put((byte) (0x20 + random.nextInt(0x5f)));
                }
                if (p < parts) {
                    // Mostly valid characters, so that most cases get past the first run.
                    text.put(pieces[random.nextInt(4) == 0 ? 3 + random.nextInt(4) : random.nextInt(3)]);
                }
            }
            byte[] bytes = Arrays.copyOf(text.array(), text.position());
            boolean valid = jdkAccepts(bytes);
            int mask = random.nextInt();
            int offset = random.nextInt(9);
            int split = random.nextInt(bytes.length + 1);
            for (ByteBuf buf : new ByteBuf[] {Unpooled.buffer(offset + bytes.length),
                    Unpooled.directBuffer(offset + bytes.length)}) {
                buf.writeZero(offset).writeBytes(bytes);
                Masking.mask(buf, offset, split, mask);
                Masking.mask(buf, offset + split, bytes.length - split, mask);
                Utf8Validator validator = new Utf8Validator();
                boolean accepted = validator.feed(buf, offset, split, mask)
                        && validator.feed(buf, offset + split, bytes.length - split, mask) && validator.complete();
                assertThat(accepted).as("%s masked with %08x split at %d in %s", HexFormat.of().formatHex(bytes), mask,
                        split, buf.getClass().getSimpleName()).isEqualTo(valid);
                buf.release();
            }
            ByteBuf composite = Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 0, split),
                    Arrays.copyOfRange(bytes, split, bytes.length));
            assertThat(Utf8Validator.isValid(composite, 0, bytes.length))
                    .as("%s in a composite buffer", HexFormat.of().formatHex(bytes)).isEqualTo(valid);
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
