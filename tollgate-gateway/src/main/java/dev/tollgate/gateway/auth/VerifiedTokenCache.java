package dev.tollgate.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
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
 * cache. Least recently used first out, each entry kept until the token's {@code exp}. Keyed by a SHA-256 digest of
 * the token, as {@link IntrospectionCache} is, so that the tokens themselves are not kept in memory. Shared by every
 * event loop; each operation holds the lock for a map lookup only.
 */
final class VerifiedTokenCache {

    private static final String DIGEST = "SHA-256";

    private record Entry(JWTClaimsSet claims, Instant until) {
    }

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
    JWTClaimsSet get(String token, Instant now) {
        if (maxEntries == 0) {
            return null;
        }
        String key = key(token);
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
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
    void put(String token, JWTClaimsSet claims, Instant now) {
        if (maxEntries == 0 || claims.getExpirationTime() == null) {
            return;
        }
        Instant until = claims.getExpirationTime().toInstant();
        if (!until.isAfter(now)) {
            return;
        }
        String key = key(token);
        synchronized (entries) {
            entries.put(key, new Entry(claims, until));
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance(DIGEST).digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has " + DIGEST, e);
        }
    }
}
