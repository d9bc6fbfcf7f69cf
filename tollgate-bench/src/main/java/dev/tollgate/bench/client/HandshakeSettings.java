package dev.tollgate.bench.client;

import static dev.tollgate.bench.client.LoadSettings.check;

import java.time.Duration;
import java.util.Objects;

/**
 * One handshake-rate run: {@code workers} loops, each opening a connection, completing the upgrade, closing with
 * 1000 and starting over.
 *
 * @param target where to connect
 * @param workers concurrent connect-upgrade-close loops
 * @param warmup how long to run before counting
 * @param duration how long to count
 * @param threads client event loops
 * @param handshakeTimeout the time allowed for one connect and upgrade
 */
public record HandshakeSettings(Target target, int workers, Duration warmup, Duration duration, int threads,
        Duration handshakeTimeout) {

    public HandshakeSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        check(workers >= 1 && workers <= 10_000, "workers", workers, "1 to 10,000");
        check(!warmup.isNegative() && warmup.toHours() < 1, "warmup", warmup, "0 to 1 hour");
        check(duration.toMillis() >= 100 && duration.toHours() < 1, "duration", duration, "100 ms to 1 hour");
        check(threads >= 1 && threads <= 256, "threads", threads, "1 to 256");
        check(handshakeTimeout.toMillis() >= 1, "handshakeTimeout", handshakeTimeout, "positive");
    }
}
