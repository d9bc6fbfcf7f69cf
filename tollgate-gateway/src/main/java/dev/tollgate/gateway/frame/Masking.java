package dev.tollgate.gateway.frame;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * XOR masking of frame payloads (RFC 6455 section 5.3), 8 bytes at a time with absolute {@link ByteBuffer} access,
 * without the reference-count and bounds checks of each {@code ByteBuf.getLong}/{@code setLong}.
 */
public final class Masking {

    private Masking() {
    }

    /** A new masking key, from a strong enough source that a script cannot predict it (RFC 6455 section 10.3). */
    public static int newKey() {
        return ThreadLocalRandom.current().nextInt();
    }

    /** XORs {@code bytes} (from its position to its limit) with the 4-byte {@code mask}. */
    public static void mask(ByteBuffer bytes, int mask) {
        mask(bytes, bytes, mask);
    }

    /** Writes {@code from} (position to limit) XOR the 4-byte {@code mask} to {@code to}, from its position. */
    public static void mask(ByteBuffer from, ByteBuffer to, int mask) {
        // Netty's buffers are big-endian; a duplicate is big-endian whatever the original's order.
        ByteBuffer source = from.order() == ByteOrder.BIG_ENDIAN ? from : from.duplicate();
        ByteBuffer target = to.order() == ByteOrder.BIG_ENDIAN ? to : to.duplicate();
        int index = source.position();
        int end = source.limit();
        int offset = target.position() - index;
        long mask8 = (long) mask << 32 | mask & 0xFFFFFFFFL;
        for (; index <= end - Long.BYTES; index += Long.BYTES) {
            target.putLong(index + offset, source.getLong(index) ^ mask8);
        }
        for (int shift = 24; index < end; index++, shift -= 8) {
            target.put(index + offset, (byte) (source.get(index) ^ mask >>> shift));
        }
    }

    /** XORs {@code length} bytes of {@code buf} from {@code index} with {@code mask}, where they lie. */
    public static void mask(ByteBuf buf, int index, int length, int mask) {
        if (length == 0 || mask == 0) {
            return;
        }
        if (buf.nioBufferCount() == 1) {
            mask(buf.internalNioBuffer(index, length), mask);
            return;
        }
        for (int i = 0; i < length; i++) {
            buf.setByte(index + i, buf.getByte(index + i) ^ mask >>> 24 - i % 4 * 8);
        }
    }
}
