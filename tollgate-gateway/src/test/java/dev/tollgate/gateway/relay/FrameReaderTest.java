package dev.tollgate.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The byte reader on its own, where the tests choose how the bytes are cut: whole frames go on as bytes, in order
 * with the control frames between them, however the input was split; client frames leave re-masked.
 */
class FrameReaderTest {

    private static final int FIN = 0x80;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;
    private static final int PING = 0x9;
    private static final int FRAME_LIMIT = 16 * 1024 * 1024;
    private static final int MESSAGE_LIMIT = 1000;

    private final List<EmbeddedChannel> legs = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        legs.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /**
     * How the socket hands over what it read: a heap buffer of its own, or (as io_uring's receive ring does) a slice
     * of a larger direct buffer, whose bytes the reader masks and copies at their address.
     */
    enum Input {
        HEAP {
            @Override
            ByteBuf of(byte[] stream, int at, int length) {
                return Unpooled.wrappedBuffer(stream, at, length);
            }
        },
        DIRECT_SLICE {
            @Override
            ByteBuf of(byte[] stream, int at, int length) {
                ByteBuf ring = Unpooled.directBuffer(length + 16).writeZero(7).writeBytes(stream, at, length)
                        .writeZero(9);
                ByteBuf read = ring.retainedSlice(7, length);
                ring.release();
                return read;
            }
        };

        abstract ByteBuf of(byte[] stream, int at, int length);
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void wholeFramesGoOnInOrderHoweverTheInputIsCut(Input input) {
        byte[] first = frame(BINARY, false, bytes(300), null);
        byte[] second = frame(CONTINUATION, true, bytes(200), null);
        byte[] text = frame(TEXT, true, "é€😀".getBytes(StandardCharsets.UTF_8), null);
        byte[] stream = concat(first, frame(PING, true, "between".getBytes(StandardCharsets.US_ASCII), null), second,
                text);
        for (int chunk : new int[] {1, 2, 3, 7, 13, 100, stream.length}) {
            EmbeddedChannel leg = leg(Side.BACKEND);
            for (int at = 0; at < stream.length; at += chunk) {
                leg.writeInbound(input.of(stream, at, Math.min(chunk, stream.length - at)));
            }
            ByteArrayOutputStream relayed = new ByteArrayOutputStream();
            List<String> order = new ArrayList<>();
            for (Object msg = leg.readInbound(); msg != null; msg = leg.readInbound()) {
                if (msg instanceof ByteBuf bytes) {
                    byte[] copy = new byte[bytes.readableBytes()];
                    bytes.readBytes(copy);
                    relayed.writeBytes(copy);
                    order.add("data");
                } else {
                    assertThat(msg).isInstanceOf(PingWebSocketFrame.class);
                    assertThat(((PingWebSocketFrame) msg).content().toString(StandardCharsets.US_ASCII))
                            .isEqualTo("between");
                    // The ping comes after the first fragment and before the second.
                    assertThat(relayed.size()).as("chunk %d", chunk).isEqualTo(first.length);
                    order.add("ping");
                }
                ReferenceCountUtil.release(msg);
            }
            assertThat(relayed.toByteArray()).as("chunk %d", chunk).isEqualTo(concat(first, second, text));
            assertThat(order).as("chunk %d", chunk).contains("ping");
        }
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void clientFramesCutAnywhereLeaveWholeAndMaskedWithFreshKeys(Input input) {
        byte[][] payloads = {bytes(1000), bytes(5), "é€😀 and some ASCII".getBytes(StandardCharsets.UTF_8), bytes(131)};
        byte[] stream = concat(frame(BINARY, true, payloads[0], new byte[] {1, 2, 3, 4}),
                frame(BINARY, true, payloads[1], new byte[] {5, 6, 7, 8}),
                frame(TEXT, true, payloads[2], new byte[] {9, 10, 11, 12}),
                frame(BINARY, true, payloads[3], new byte[] {13, 14, 15, 16}));
        for (int chunk : new int[] {1, 3, 7, 100, 517, stream.length}) {
            EmbeddedChannel leg = leg(Side.CLIENT, FRAME_LIMIT);
            for (int at = 0; at < stream.length; at += chunk) {
                leg.writeInbound(input.of(stream, at, Math.min(chunk, stream.length - at)));
            }
            ByteBuf relayed = Unpooled.buffer();
            for (ByteBuf run = leg.readInbound(); run != null; run = leg.readInbound()) {
                relayed.writeBytes(run);
                run.release();
            }
            for (byte[] payload : payloads) {
                int headerLength = 2 + (payload.length < 126 ? 0 : 2) + 4;
                byte[] key = new byte[4];
                relayed.getBytes(relayed.readerIndex() + headerLength - 4, key);
                byte[] unmasked = new byte[payload.length];
                relayed.skipBytes(headerLength).readBytes(unmasked);
                for (int i = 0; i < unmasked.length; i++) {
                    unmasked[i] ^= key[i & 3];
                }
                assertThat(unmasked).as("chunk %d", chunk).isEqualTo(payload);
            }
            assertThat(relayed.isReadable()).isFalse();
        }
    }

    @Test
    void clientFramesLeaveMaskedWithAFreshKey() {
        byte[] payload = bytes(1000);
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        EmbeddedChannel leg = leg(Side.CLIENT);
        leg.writeInbound(Unpooled.wrappedBuffer(frame(BINARY, true, payload, key)));
        ByteBuf out = leg.readInbound();
        try {
            assertThat(out.getByte(1) & 0x80).as("mask bit").isEqualTo(0x80);
            int headerLength = 2 + 2 + 4;
            byte[] fresh = new byte[4];
            out.getBytes(headerLength - 4, fresh);
            assertThat(fresh).isNotEqualTo(key);
            byte[] unmasked = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                unmasked[i] = (byte) (out.getByte(headerLength + i) ^ fresh[i & 3]);
            }
            assertThat(unmasked).isEqualTo(payload);
        } finally {
            out.release();
        }
    }

    @Test
    void aViolationPassesTheFramesBeforeItAndDiscardsTheRest() {
        byte[] good = frame(BINARY, true, bytes(10), null);
        byte[] reservedBit = frame(BINARY | 0x40, true, bytes(10), null);
        EmbeddedChannel leg = leg(Side.BACKEND);
        // The embedded channel rethrows what reached the end of its pipeline, as the relay handler would get it.
        assertThatThrownBy(() -> leg.writeInbound(Unpooled.wrappedBuffer(concat(good, reservedBit, good))))
                .isInstanceOfSatisfying(CorruptedWebSocketFrameException.class,
                        e -> assertThat(e.closeStatus()).isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR));
        ByteBuf passed = leg.readInbound();
        assertThat(passed.readableBytes()).isEqualTo(good.length);
        passed.release();
        assertThat((Object) leg.readInbound()).isNull();
        leg.writeInbound(Unpooled.wrappedBuffer(good));
        assertThat((Object) leg.readInbound()).as("nothing after a violation").isNull();
    }

    @Test
    void aMessageOverItsLimitAcrossFragmentsIs1009() {
        EmbeddedChannel leg = leg(Side.BACKEND);
        assertThatThrownBy(() -> leg.writeInbound(Unpooled.wrappedBuffer(concat(frame(BINARY, false, bytes(600), null),
                frame(CONTINUATION, true, bytes(401), null))))).isInstanceOfSatisfying(
                        CorruptedWebSocketFrameException.class,
                        e -> assertThat(e.closeStatus()).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG));
        ByteBuf first = leg.readInbound();
        assertThat(first.readableBytes()).isEqualTo(2 + 2 + 600);
        first.release();
    }

    @Test
    void aHeaderAloneReservesNoMemoryForTheFrameItAnnounces() {
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel leg = leg(Side.BACKEND, FRAME_LIMIT);
        leg.config().setAllocator(allocator);
        byte[] header = {(byte) (BINARY | FIN), 127, 0, 0, 0, 0, 0, 0x10, 0, 0}; // 1 MiB announced
        leg.writeInbound(Unpooled.wrappedBuffer(concat(header, bytes(20))));
        assertThat((Object) leg.readInbound()).isNull();
        assertThat(allocator.largest).isLessThan(1024);
    }

    private EmbeddedChannel leg(Side side) {
        return leg(side, MESSAGE_LIMIT);
    }

    private EmbeddedChannel leg(Side side, int messageLimit) {
        EmbeddedChannel leg = new EmbeddedChannel();
        Connection connection = Connection.open(leg, false);
        leg.pipeline().addLast(new FrameReader(connection, side, FRAME_LIMIT, messageLimit));
        legs.add(leg);
        return leg;
    }

    /** A frame: opcode and reserved bits as given, FIN if {@code fin}, its length, mask key and (masked) payload. */
    private static byte[] frame(int firstByte, boolean fin, byte[] payload, byte[] maskKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte | (fin ? FIN : 0));
        int maskBit = maskKey == null ? 0 : 0x80;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        if (maskKey == null) {
            out.writeBytes(payload);
        } else {
            out.writeBytes(maskKey);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ maskKey[i & 3]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Unpooled buffers, remembering the largest initial capacity asked for. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {

        int largest;

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largest = Math.max(largest, initialCapacity);
            return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            largest = Math.max(largest, initialCapacity);
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
