package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.IntrospectedToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The active introspection answers of recent opaque tokens, least recently used first out, each kept until the
 * token's expiry or the time to live, whichever comes first.
 *
 * <p>Keyed by a SHA-256 digest of the token, so that the tokens themselves are not kept in memory. Shared by every
 * event loop; each operation holds the lock for a map lookup only.
 */
final class IntrospectionCache {

    private static final String DIGEST = "SHA-256";

    private record Entry(IntrospectedToken token, Instant until) {
    }

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries;

    IntrospectionCache(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > IntrospectionCache.this.maxEntries;
            }
        };
    }

    /** The cached answer for {@code token}, if it is there and still fresh. */
    Optional<IntrospectedToken> get(String token) {
        if (maxEntries == 0) {
            return Optional.empty();
        }
        String key = key(token);
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (!entry.until().isAfter(now)) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of(entry.token());
        }
    }

    /** Remembers an active answer until the token expires or the time to live passes. */
    void put(String token, IntrospectedToken answer) {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        if (answer.expiresAt().isBefore(until)) {
            until = answer.expiresAt();
        }
        if (maxEntries == 0 || !until.isAfter(now)) {
            return;
        }
        String key = key(token);
        synchronized (entries) {
            entries.put(key, new Entry(answer, until));
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
