package dev.tollgate.gateway.frame;

import io.netty.buffer.ByteBuf;

/**
 * Validates UTF-8 incrementally, across frames, on bytes that may still be masked: Bjoern Hoehrmann's DFA, which
 * refuses overlong forms, surrogates and code points above U+10FFFF, as RFC 6455 section 8.1 asks. One per message
 * stream; not thread-safe.
 */
public final class Utf8Validator {

    private static final int ACCEPT = 0;
    private static final int REJECT = 12;
    /** The high bit of each of eight bytes: zero in a word of ASCII. */
    private static final long ASCII_WORD = 0x8080808080808080L;

    /** Byte to character class. */
    private static final byte[] TYPES = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        8, 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        10, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 11, 6, 6, 6, 5, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8
    };

    /** State and character class to the next state; states are multiples of 12. */
    private static final byte[] STATES = {
        0, 12, 24, 36, 60, 96, 84, 12, 12, 12, 48, 72, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
        12, 0, 12, 12, 12, 12, 12, 0, 12, 0, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12,
        12, 36, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12
    };

    private int state = ACCEPT;

    /**
     * Feeds {@code length} bytes of {@code buf} from {@code index}, each XORed with the matching byte of {@code mask}
     * (0 for unmasked bytes). Returns {@code false} once the bytes so far can no longer be valid UTF-8.
     *
     * <p>A direct buffer (every buffer the socket reads into) is read at its address, as {@link Masking} does: no
     * view object, no reference-count and bounds check per byte, and eight ASCII bytes at a time between characters.
     * Any other buffer is read byte by byte.
     */
    public boolean feed(ByteBuf buf, int index, int length, int mask) {
        if (length == 0 || state == REJECT) {
            return state != REJECT;
        }
        state = NativeMemory.addressable(buf)
                ? feed(NativeMemory.address(buf, index, length), length, mask, state)
                : feedBytes(buf, index, length, mask, state);
        return state != REJECT;
    }

    private static int feed(long address, int length, int mask, int state) {
        int current = state;
        int i = 0;
        while (i < length && current != REJECT) {
            if (current == ACCEPT && length - i >= Long.BYTES) {
                // Between characters, skip whole words of ASCII: the mask rotated to this offset, repeated twice.
                int rotated = Integer.rotateLeft(mask, (i & 3) * 8);
                long mask8 = (long) rotated << 32 | rotated & 0xFFFFFFFFL;
                while (length - i >= Long.BYTES && ((NativeMemory.getLong(address + i) ^ mask8) & ASCII_WORD) == 0) {
                    i += Long.BYTES;
                }
                if (i == length) {
                    break;
                }
            }
            int b = (NativeMemory.getByte(address + i) ^ mask >>> 24 - (i & 3) * 8) & 0xFF;
            current = STATES[current + TYPES[b]];
            i++;
        }
        return current;
    }

    private static int feedBytes(ByteBuf buf, int index, int length, int mask, int state) {
        int current = state;
        for (int i = 0; i < length && current != REJECT; i++) {
            int b = (buf.getByte(index + i) ^ mask >>> 24 - (i & 3) * 8) & 0xFF;
            current = STATES[current + TYPES[b]];
        }
        return current;
    }

    /** Whether the bytes so far end on a whole character (a message may end here). */
    public boolean complete() {
        return state == ACCEPT;
    }

    /** Starts a new message. */
    public void reset() {
        state = ACCEPT;
    }

    /** Whether {@code length} bytes of {@code buf} from {@code index} are, alone, valid UTF-8. */
    public static boolean isValid(ByteBuf buf, int index, int length) {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(buf, index, length, 0) && validator.complete();
    }
}
