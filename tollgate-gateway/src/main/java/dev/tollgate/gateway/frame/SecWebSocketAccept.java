package dev.tollgate.gateway.frame;

import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Sec-WebSocket-Accept} value that answers a {@code Sec-WebSocket-Key} (RFC 6455 §4.2.2): what the gateway
 * answers its clients, and what it expects from its backends.
 */
public final class SecWebSocketAccept {

    private static final byte[] GUID_BYTES =
            "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(CharsetUtil.US_ASCII);
    /** Handshakes run on the event loops: one reusable digest per thread. */
    private static final FastThreadLocal<MessageDigest> SHA1 = new FastThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() throws NoSuchAlgorithmException {
            return MessageDigest.getInstance("SHA-1");
        }
    };

    private SecWebSocketAccept() {
    }

    /**
     * The accept value for {@code key}, surrounding white space ignored: the SHA-1 of the key's ASCII (a character
     * outside it counts as {@code ?}, as the US-ASCII encoder writes it) and the GUID's, fed to the digest without
     * building their concatenation.
     */
    public static String of(String key) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        String trimmed = key.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            sha1.update(c < 0x80 ? (byte) c : (byte) '?');
        }
        sha1.update(GUID_BYTES);
        return Base64.getEncoder().encodeToString(sha1.digest());
    }
}
