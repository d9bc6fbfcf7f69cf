package dev.tollgate.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Masking and copying at a buffer's address give the bytes the byte-by-byte paths give, at every length and
 * alignment, in place and from one buffer to another, whatever kinds the two buffers are.
 */
class MaskingTest {

    private static final Random RANDOM = new Random(6455);
    private static final IntFunction<ByteBuf> HEAP = Unpooled::buffer;
    private static final IntFunction<ByteBuf> DIRECT = Unpooled::directBuffer;

    @Test
    void directBuffersAreMaskedAtTheirAddressAndHeapBuffersByteByByte() {
        ByteBuf direct = DIRECT.apply(8);
        ByteBuf heap = HEAP.apply(8);
        assertThat(NativeMemory.addressable(direct)).isTrue();
        assertThat(NativeMemory.addressable(heap)).isFalse();
        direct.release();
        heap.release();
    }

    @Test
    void masksInPlaceAsRfc6455SaysAtEveryLengthAndOffset() {
        for (IntFunction<ByteBuf> kind : new IntFunction[] {HEAP, DIRECT}) {
            for (int length = 0; length <= 40; length++) {
                for (int offset = 0; offset < 9; offset++) {
                    byte[] bytes = random(length);
                    int mask = RANDOM.nextInt();
                    ByteBuf buf = kind.apply(offset + length + 5).writeZero(offset).writeBytes(bytes).writeZero(5);
                    Masking.mask(buf, offset, length, mask);
                    assertThat(ByteBufUtil.getBytes(buf, offset, length)).isEqualTo(masked(bytes, mask));
                    assertThat(ByteBufUtil.getBytes(buf, offset + length, 5)).as("after").containsOnly(0);
                    assertThat(buf.readerIndex()).isZero();
                    buf.release();
                }
            }
        }
    }

    @Test
    void masksFromOneBufferIntoAnotherOfAnyKind() {
        for (IntFunction<ByteBuf> fromKind : new IntFunction[] {HEAP, DIRECT}) {
            for (IntFunction<ByteBuf> toKind : new IntFunction[] {HEAP, DIRECT}) {
                for (int length = 0; length <= 40; length += 3) {
                    byte[] bytes = random(length);
                    int mask = RANDOM.nextInt();
                    ByteBuf from = fromKind.apply(length + 3).writeZero(3).writeBytes(bytes);
                    ByteBuf to = toKind.apply(length + 6).writeZero(length + 6);
                    Masking.mask(from, 3, to, 5, length, mask);
                    assertThat(ByteBufUtil.getBytes(to, 5, length)).isEqualTo(masked(bytes, mask));
                    assertThat(ByteBufUtil.getBytes(from, 3, length)).as("source untouched").isEqualTo(bytes);
                    from.release();
                    to.release();
                }
            }
        }
    }

    @Test
    void appendsBetweenBuffersOfAnyKindAndGrowsTheTarget() {
        for (IntFunction<ByteBuf> fromKind : new IntFunction[] {HEAP, DIRECT}) {
            for (IntFunction<ByteBuf> toKind : new IntFunction[] {HEAP, DIRECT}) {
                byte[] bytes = random(300);
                ByteBuf from = fromKind.apply(310).writeZero(10).writeBytes(bytes);
                ByteBuf to = toKind.apply(4).writeByte(42);
                NativeMemory.append(to, from, 10, 300);
                assertThat(to.readableBytes()).isEqualTo(301);
                assertThat(to.getByte(0)).isEqualTo((byte) 42);
                assertThat(ByteBufUtil.getBytes(to, 1, 300)).isEqualTo(bytes);
                assertThat(from.readerIndex()).isZero();
                from.release();
                to.release();
            }
        }
    }

    @Test
    void refusesBytesOutsideTheBuffer() {
        ByteBuf buf = DIRECT.apply(16).writeZero(16);
        ByteBuf other = DIRECT.apply(16).writeZero(16);
        try {
            assertThatThrownBy(() -> Masking.mask(buf, 10, 7, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> Masking.mask(buf, -1, 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> Masking.mask(buf, 0, other, 12, 8, 1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> NativeMemory.append(other, buf, 12, 8))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(ByteBufUtil.getBytes(buf)).containsOnly(0);
        } finally {
            buf.release();
            other.release();
        }
    }

    private static byte[] masked(byte[] bytes, int mask) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) (bytes[i] ^ mask >>> 24 - (i & 3) * 8);
        }
        return out;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
