package dev.tollgate.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claims of recently verified access tokens, so that a client that reconnects with the same JWT skips Base64,
 * JSON and RSA. Only the signature check is skipped on a hit: the claims, revocation included, are checked again on
 * every handshake.
 *
 * <p>Belongs to one {@link TokenVerifier}, hence to one key set: a changed key set gets a new verifier and an empty
 * cache. Least recently used first out, each entry kept until the token's {@code exp}. Shared by every event loop;
 * each operation holds the lock for a map lookup only.
 *
 * <p>The tokens themselves are not kept in memory. An entry is keyed by a SHA-256 digest of the token's signature
 * segment (everything after its last dot), and holds a 64-bit hash of the signed part before it: a hit needs the same
 * signature, which only a holder of the token has, and the same signed part. Digesting the signature rather than the
 * whole token (a third of its length for RS256) was a tenth of a handshake's CPU.
 */
final class VerifiedTokenCache {

    private static final String DIGEST = "SHA-256";

    private record Entry(JWTClaimsSet claims, Instant until, long signedPartHash) {
    }

    /** Digests are made on the event loops, one reusable instance per thread. */
    private static final FastThreadLocal<MessageDigest> SHA256 = new FastThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() throws NoSuchAlgorithmException {
            return MessageDigest.getInstance(DIGEST);
        }
    };

    /** The signature segment's bytes on their way to the digest; a longer segment is copied as before. */
    private static final int SCRATCH_BYTES = 1024;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    private final int maxEntries;
    private final Map<String, Entry> entries;

    VerifiedTokenCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 0)");
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedTokenCache.this.maxEntries;
            }
        };
    }

    /** The claims of {@code token} if its signature was verified before and it has not expired since. */
    JWTClaimsSet get(CharSequence token, Instant now) {
        if (maxEntries == 0) {
            return null;
        }
        String key = key(token);
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null || entry.signedPartHash() != signedPartHash(token)) {
                return null;
            }
            if (!entry.until().isAfter(now)) {
                entries.remove(key);
                return null;
            }
            return entry.claims();
        }
    }

    /** Remembers the claims of a token whose signature is valid, until the token's {@code exp}. */
    void put(CharSequence token, JWTClaimsSet claims, Instant now) {
        if (maxEntries == 0 || claims.getExpirationTime() == null) {
            return;
        }
        Instant until = claims.getExpirationTime().toInstant();
        if (!until.isAfter(now)) {
            return;
        }
        String key = key(token);
        synchronized (entries) {
            entries.put(key, new Entry(claims, until, signedPartHash(token)));
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /**
     * The digest of the signature segment's UTF-8; of the whole token if it has no dot (it then never verifies
     * anyway). A segment of base64url, as every valid one is, goes to the digest through a reusable buffer rather than
     * as a substring and its bytes: two copies of a third of the token less per handshake.
     */
    private static String key(CharSequence token) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        int start = lastDot(token) + 1;
        int length = token.length() - start;
        byte[] scratch = SCRATCH.get();
        if (copiedAsAscii(token, start, length, scratch)) {
            sha256.update(scratch, 0, length);
        } else {
            sha256.update(token.subSequence(start, token.length()).toString().getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(sha256.digest());
    }

    /**
     * Copies {@code length} characters of {@code text} from {@code start} into {@code scratch}, if they fit and are
     * ASCII; whether it did.
     */
    private static boolean copiedAsAscii(CharSequence text, int start, int length, byte[] scratch) {
        if (length > scratch.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(start + i);
            if (c >= 0x80) {
                return false;
            }
            scratch[i] = (byte) c;
        }
        return true;
    }

    /** A 64-bit FNV-1a hash of what the signature signs: the header, the dot, the claims. */
    private static long signedPartHash(CharSequence token) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0, end = Math.max(0, lastDot(token)); i < end; i++) {
            hash = (hash ^ token.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private static int lastDot(CharSequence token) {
        int i = token.length() - 1;
        while (i >= 0 && token.charAt(i) != '.') {
            i--;
        }
        return i;
    }
}
