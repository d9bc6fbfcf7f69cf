package dev.tollgate.bench.client;

import java.util.List;
import java.util.Map;

/**
 * What a message-load run measured.
 *
 * @param connectionsOpened connections that completed the upgrade
 * @param connectsPerSecond connections opened per second while opening them all
 * @param messages round trips completed in the measured window
 * @param messagesPerSecond round trips per second in the measured window
 * @param latency round-trip times in the measured window
 * @param errors failed connects and upgrades, closes by the server, unexpected frames, unanswered messages
 * @param rssBeforeKib resident memory of the watched process before connecting, or -1
 * @param rssAfterKib resident memory of the watched process at the end of the measured window, or -1
 * @param liveHeapOpenKib live objects on the watched JVM's heap with the connections open, or -1
 * @param liveHeapClosedKib live objects on the watched JVM's heap after they closed, or -1
 * @param targetUsage what the watched processes used of the CPUs in the measured window, or {@link
 *     ProcessUsage.Usage#NONE} when none is watched
 * @param clientLoopLag how late the load generator's event loops ran a task due every 10 ms, in the window
 * @param worstRoundTripMillisBySecond the longest round trip answered in each second of the window, in ms
 */
public record LoadResult(LoadSettings settings, int connectionsOpened, double connectsPerSecond,
        double measuredSeconds, long messages, double messagesPerSecond, Latency latency,
        Map<String, Long> errors, long rssBeforeKib, long rssAfterKib, long liveHeapOpenKib, long liveHeapClosedKib,
        ProcessUsage.Usage targetUsage, Latency clientLoopLag, List<Double> worstRoundTripMillisBySecond) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The watched process's growth in resident memory per open connection, in KiB; -1 when not watched. */
    public double rssPerConnectionKib() {
        if (rssBeforeKib < 0 || rssAfterKib < 0 || connectionsOpened == 0) {
            return -1;
        }
        return (rssAfterKib - rssBeforeKib) / (double) connectionsOpened;
    }

    /**
     * The live heap objects of one open connection, in KiB: what a connection holds on the watched JVM's heap, without
     * the heap's free room; -1 when not read.
     */
    public double liveHeapPerConnectionKib() {
        if (liveHeapOpenKib < 0 || liveHeapClosedKib < 0 || connectionsOpened == 0) {
            return -1;
        }
        return (liveHeapOpenKib - liveHeapClosedKib) / (double) connectionsOpened;
    }
}
