package dev.tollgate.bench.client;

import java.util.Map;

/**
 * What a handshake-rate run measured.
 *
 * @param handshakes upgrades completed (101 received) in the measured window
 * @param handshakesPerSecond upgrades per second in the measured window
 * @param latency time from connect to the 101, in the measured window
 * @param errors refused or failed connects and upgrades, and closes that did not complete
 * @param targetUsage what the watched processes used of the CPUs in the measured window, or {@link
 *     ProcessUsage.Usage#NONE} when none is watched
 */
public record HandshakeResult(HandshakeSettings settings, double measuredSeconds, long handshakes,
        double handshakesPerSecond, Latency latency, Map<String, Long> errors, ProcessUsage.Usage targetUsage) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
