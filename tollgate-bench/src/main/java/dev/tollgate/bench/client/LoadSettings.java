package dev.tollgate.bench.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One message-load run.
 *
 * @param target where to connect
 * @param connections how many WebSocket connections to open
 * @param messageSize payload bytes of each binary message, at least 8 (the send time rides in the first 8)
 * @param ratePerConnection messages per second on each connection; 0 for a closed loop (send the next message as
 *     soon as the previous one is echoed)
 * @param warmup how long to load before measuring
 * @param duration how long to measure
 * @param threads client event loops
 * @param connectConcurrency handshakes in flight at once while opening connections
 * @param connectTimeout the time allowed for all connections to open (and for each single handshake)
 * @param rssPid a process whose resident memory (VmRSS) is read before and after, or 0 for none
 * @param liveHeap whether to also read the live Java heap of {@code rssPid} with the connections open and after they
 *     closed ({@link ProcessMemory#liveHeapKib}, a full collection each time, outside the measured window)
 * @param cpuPids processes whose CPU time over the measured window is reported (the target's), or none
 */
public record LoadSettings(Target target, int connections, int messageSize, double ratePerConnection,
        Duration warmup, Duration duration, int threads, int connectConcurrency, Duration connectTimeout,
        long rssPid, boolean liveHeap, List<Long> cpuPids) {

    /** Largest message accepted: 16 MiB, what the echo backend and the gateway take by default. */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    public LoadSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        check(connections >= 1 && connections <= 1_000_000, "connections", connections, "1 to 1,000,000");
        check(messageSize >= 8 && messageSize <= MAX_MESSAGE_SIZE, "messageSize", messageSize, "8 to 16 MiB");
        check(ratePerConnection >= 0 && ratePerConnection <= 1_000_000, "ratePerConnection", ratePerConnection,
                "0 for a closed loop, or up to 1,000,000 messages/s");
        checkRun(warmup, duration, threads);
        check(connectConcurrency >= 1, "connectConcurrency", connectConcurrency, "at least 1");
        check(connectTimeout.toMillis() >= 1, "connectTimeout", connectTimeout, "positive");
        check(rssPid >= 0, "rssPid", rssPid, "a process id, or 0 for none");
        check(!liveHeap || rssPid > 0, "liveHeap", liveHeap, "false without a process to watch");
        cpuPids = List.copyOf(cpuPids);
    }

    public boolean closedLoop() {
        return ratePerConnection == 0;
    }

    /** Checks what every run has: a warm-up and a measured time under an hour, and 1 to 256 event loops. */
    static void checkRun(Duration warmup, Duration duration, int threads) {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        check(!warmup.isNegative() && warmup.toHours() < 1, "warmup", warmup, "0 to 1 hour");
        check(duration.toMillis() >= 100 && duration.toHours() < 1, "duration", duration, "100 ms to 1 hour");
        check(threads >= 1 && threads <= 256, "threads", threads, "1 to 256");
    }

    static void check(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
        }
    }
}
