package dev.tollgate.bench.client;

import static dev.tollgate.bench.client.LoadSettings.check;
import static dev.tollgate.bench.client.LoadSettings.checkRun;

import java.time.Duration;
import java.util.List;
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
 * @param cpuPids processes whose CPU time over the measured window is reported (the target's), or none
 */
public record HandshakeSettings(Target target, int workers, Duration warmup, Duration duration, int threads,
        Duration handshakeTimeout, List<Long> cpuPids) {

    public HandshakeSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        check(workers >= 1 && workers <= 10_000, "workers", workers, "1 to 10,000");
        checkRun(warmup, duration, threads);
        check(handshakeTimeout.toMillis() >= 1, "handshakeTimeout", handshakeTimeout, "positive");
        cpuPids = List.copyOf(cpuPids);
    }
}
