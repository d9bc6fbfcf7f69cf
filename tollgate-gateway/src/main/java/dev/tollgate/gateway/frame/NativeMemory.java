package dev.tollgate.gateway.frame;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteOrder;

/**
 * A direct buffer's bytes at their native address: the relay's per-frame passes (masking, UTF-8, copying the part of
 * a frame that a read cut off) read and write them so, without a view object or a reference-count and bounds check
 * per access. Netty hands each received buffer out as a slice of its receive ring, and a slice's NIO view is a new
 * object on every call (two per copy, one per masked frame: most of what the relay allocated per message); its
 * address is not. A buffer without an address (a heap buffer, or Netty without {@code Unsafe}) takes the callers'
 * byte-by-byte paths.
 */
public final class NativeMemory {

    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private NativeMemory() {
    }

    /** Whether {@code buf}'s bytes can be reached at their address. */
    public static boolean addressable(ByteBuf buf) {
        return buf.hasMemoryAddress();
    }

    /**
     * The address of byte {@code index} of {@code buf}, once {@code length} bytes from there are known to lie within
     * its capacity and the buffer to be live.
     *
     * @throws IndexOutOfBoundsException when they do not
     */
    public static long address(ByteBuf buf, int index, int length) {
        if (index < 0 || length < 0 || index > buf.capacity() - length) {
            throw new IndexOutOfBoundsException(
                    "index " + index + ", length " + length + " in a buffer of " + buf.capacity() + " bytes");
        }
        return buf.memoryAddress() + index;
    }

    /** Eight bytes from {@code address} as a big-endian {@code long}, as Netty's and the network's order is. */
    static long getLong(long address) {
        long value = PlatformDependent.getLong(address);
        return BIG_ENDIAN ? value : Long.reverseBytes(value);
    }

    /** Writes {@code value} big-endian to the eight bytes from {@code address}. */
    static void putLong(long address, long value) {
        PlatformDependent.putLong(address, BIG_ENDIAN ? value : Long.reverseBytes(value));
    }

    static byte getByte(long address) {
        return PlatformDependent.getByte(address);
    }

    static void putByte(long address, byte value) {
        PlatformDependent.putByte(address, value);
    }

    /**
     * Appends {@code length} bytes of {@code from}, from {@code fromIndex}, to {@code to} (growing it as needed), and
     * leaves {@code from}'s indexes as they were.
     */
    public static void append(ByteBuf to, ByteBuf from, int fromIndex, int length) {
        to.ensureWritable(length);
        int at = to.writerIndex();
        if (addressable(to) && addressable(from)) {
            PlatformDependent.copyMemory(address(from, fromIndex, length), address(to, at, length), length);
            to.writerIndex(at + length);
        } else {
            to.writeBytes(from, fromIndex, length);
        }
    }
}
