package dev.tollgate.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Frames masked in place decode, with a server's decoder, to what was sent; shared payloads are left alone. */
class InPlaceMaskingFrameEncoderTest {

    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 9, 15, 125, 126, 127, 4096, 65535, 65536, 70001};

    @Test
    void maskedFramesDecodeToTheirPayloadAtEveryLengthClass() {
        Random random = new Random(6455);
        for (int length : LENGTHS) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            for (boolean direct : new boolean[] {true, false}) {
                ByteBuf payload = direct ? Unpooled.directBuffer(length + 5) : Unpooled.buffer(length + 5);
                payload.writeBytes(new byte[] {9, 9, 9}).readerIndex(3);
                payload.writeBytes(bytes);
                WebSocketFrame decoded = roundTrip(new BinaryWebSocketFrame(false, 4, payload));
                try {
                    assertThat(decoded).isInstanceOf(BinaryWebSocketFrame.class);
                    assertThat(decoded.isFinalFragment()).isFalse();
                    assertThat(decoded.rsv()).isEqualTo(4);
                    assertThat(ByteBufUtil.getBytes(decoded.content())).as("length %d", length).isEqualTo(bytes);
                } finally {
                    decoded.release();
                }
            }
        }
    }

    @Test
    void textAndContinuationKeepTheirOpcodes() {
        List<WebSocketFrame> decoded = roundTrip(new TextWebSocketFrame(false, 0, "héllo, relay"),
                new ContinuationWebSocketFrame(true, 0, "and the rest"));
        WebSocketFrame text = decoded.get(0);
        WebSocketFrame rest = decoded.get(1);
        try {
            assertThat(text).isInstanceOf(TextWebSocketFrame.class);
            assertThat(((TextWebSocketFrame) text).text()).isEqualTo("héllo, relay");
            assertThat(rest).isInstanceOf(ContinuationWebSocketFrame.class);
            assertThat(rest.isFinalFragment()).isTrue();
            assertThat(rest.content().toString(StandardCharsets.UTF_8)).isEqualTo("and the rest");
        } finally {
            text.release();
            rest.release();
        }
    }

    @Test
    void aSharedPayloadIsCopiedNotMasked() {
        ByteBuf shared = Unpooled.copiedBuffer("shared by every ping", StandardCharsets.US_ASCII);
        WebSocketFrame viaDuplicate = roundTrip(new BinaryWebSocketFrame(shared.retainedDuplicate()));
        WebSocketFrame ping = roundTrip(new PingWebSocketFrame(shared.retain()));
        try {
            assertThat(shared.toString(StandardCharsets.US_ASCII)).isEqualTo("shared by every ping");
            assertThat(viaDuplicate.content().toString(StandardCharsets.US_ASCII)).isEqualTo("shared by every ping");
            assertThat(ping).isInstanceOf(PingWebSocketFrame.class);
        } finally {
            viaDuplicate.release();
            ping.release();
            shared.release();
        }
    }

    @Test
    void everyFrameHasItsOwnMaskKey() {
        EmbeddedChannel channel = new EmbeddedChannel(new InPlaceMaskingFrameEncoder());
        Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            channel.writeOutbound(new BinaryWebSocketFrame(Unpooled.copiedBuffer(new byte[16])));
            ByteBuf frame = channel.readOutbound();
            keys.add(frame.getInt(2));
            frame.release();
        }
        assertThat(keys).hasSizeGreaterThan(1);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aLargeSolelyOwnedPayloadIsMaskedWhereItLies() {
        EmbeddedChannel channel = new EmbeddedChannel(new InPlaceMaskingFrameEncoder());
        ByteBuf payload = Unpooled.directBuffer(InPlaceMaskingFrameEncoder.IN_PLACE_MIN_BYTES);
        payload.writeZero(InPlaceMaskingFrameEncoder.IN_PLACE_MIN_BYTES);
        channel.writeOutbound(new BinaryWebSocketFrame(payload));
        ByteBuf header = channel.readOutbound();
        ByteBuf sent = channel.readOutbound();
        try {
            assertThat(header.readableBytes()).isEqualTo(2 + 2 + 4);
            assertThat(sent).isSameAs(payload);
            assertThat(sent.refCnt()).isEqualTo(1);
            // Zeros XOR the key show the key itself, repeated.
            assertThat(sent.getInt(0)).isEqualTo(header.getInt(4)).isEqualTo(sent.getInt(4));
        } finally {
            header.release();
            sent.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    private static WebSocketFrame roundTrip(WebSocketFrame frame) {
        return roundTrip(new WebSocketFrame[] {frame}).get(0);
    }

    private static List<WebSocketFrame> roundTrip(WebSocketFrame... frames) {
        EmbeddedChannel client = new EmbeddedChannel(new InPlaceMaskingFrameEncoder());
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(1 << 20).expectMaskedFrames(true).allowExtensions(true).build()));
        List<WebSocketFrame> decoded = new ArrayList<>();
        for (WebSocketFrame frame : frames) {
            client.writeOutbound(frame);
            ByteBuf wire;
            while ((wire = client.readOutbound()) != null) {
                server.writeInbound(wire);
            }
            decoded.add(server.readInbound());
        }
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
        return decoded;
    }
}
