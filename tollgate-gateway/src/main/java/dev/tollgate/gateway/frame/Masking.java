package dev.tollgate.gateway.frame;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.ThreadLocalRandom;

/**
 * XOR masking of frame payloads (RFC 6455 section 5.3): in a direct buffer eight bytes at a time at their address
 * ({@link NativeMemory}), without a view object or the reference-count and bounds checks of each
 * {@code ByteBuf.getLong}/{@code setLong}; in any other buffer byte by byte.
 */
public final class Masking {

    private Masking() {
    }

    /** A new masking key, from a strong enough source that a script cannot predict it (RFC 6455 section 10.3). */
    public static int newKey() {
        return ThreadLocalRandom.current().nextInt();
    }

    /** XORs {@code length} bytes of {@code buf} from {@code index} with {@code mask}, where they lie. */
    public static void mask(ByteBuf buf, int index, int length, int mask) {
        mask(buf, index, buf, index, length, mask);
    }

    /**
     * Writes {@code length} bytes of {@code from}, from {@code fromIndex}, XOR {@code mask} to {@code to} from
     * {@code toIndex}; the buffers may be the same, at the same index. Neither buffer's indexes move.
     */
    public static void mask(ByteBuf from, int fromIndex, ByteBuf to, int toIndex, int length, int mask) {
        if (length == 0 || mask == 0 && from == to && fromIndex == toIndex) {
            return;
        }
        if (NativeMemory.addressable(from) && NativeMemory.addressable(to)) {
            mask(NativeMemory.address(from, fromIndex, length), NativeMemory.address(to, toIndex, length), length,
                    mask);
            return;
        }
        for (int i = 0; i < length; i++) {
            to.setByte(toIndex + i, from.getByte(fromIndex + i) ^ mask >>> 24 - i % 4 * 8);
        }
    }

    private static void mask(long from, long to, int length, int mask) {
        long mask8 = (long) mask << 32 | mask & 0xFFFFFFFFL;
        int i = 0;
        for (; i <= length - Long.BYTES; i += Long.BYTES) {
            NativeMemory.putLong(to + i, NativeMemory.getLong(from + i) ^ mask8);
        }
        for (int shift = 24; i < length; i++, shift -= 8) {
            NativeMemory.putByte(to + i, (byte) (NativeMemory.getByte(from + i) ^ mask >>> shift));
        }
    }
}
