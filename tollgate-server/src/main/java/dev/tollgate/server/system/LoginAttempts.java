package dev.tollgate.server.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per username and client address: after {@code maxFailures} failures in a row that pair is
 * locked for {@code lockDuration}, whatever password it then tries. A success clears the count. Only the pair is
 * locked, so someone guessing a user's password from one address does not lock the user out everywhere.
 */
public final class LoginAttempts {

    /** Beyond this many tracked pairs, entries whose lock or window has passed are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private record Failures(int count, Instant lastFailure, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration lockDuration;
    private final Clock clock;

    public LoginAttempts(int maxFailures, Duration lockDuration, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures: " + maxFailures + " (expected: at least 1)");
        }
        if (lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("lockDuration: " + lockDuration + " (expected: positive)");
        }
        this.maxFailures = maxFailures;
        this.lockDuration = lockDuration;
        this.clock = clock;
    }

    /** How long the pair stays locked; zero when it may try now. */
    public Duration lockedFor(String username, String address) {
        Failures current = failures.get(key(username, address));
        if (current == null || current.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), current.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a failure; returns how long the pair is now locked (zero while it has tries left). */
    public Duration failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_ABOVE) {
            prune(now);
        }
        Failures updated = failures.compute(key(username, address), (key, current) -> {
            boolean expired = current == null || current.lockedUntil() != null && !now.isBefore(current.lockedUntil())
                    || Duration.between(current.lastFailure(), now).compareTo(lockDuration) > 0;
            int count = expired ? 1 : current.count() + 1;
            return new Failures(count, now, count >= maxFailures ? now.plus(lockDuration) : null);
        });
        return updated.lockedUntil() == null ? Duration.ZERO : lockDuration;
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private void prune(Instant now) {
        failures.entrySet().removeIf(entry -> {
            Failures f = entry.getValue();
            Instant end = f.lockedUntil() != null ? f.lockedUntil() : f.lastFailure().plus(lockDuration);
            return !now.isBefore(end);
        });
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)) + "|" + address;
    }
}
