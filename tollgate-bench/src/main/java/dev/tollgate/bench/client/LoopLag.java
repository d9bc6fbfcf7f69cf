package dev.tollgate.bench.client;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How late the load generator's own event loops run a task due every {@value #PERIOD_MILLIS} ms: a round trip that
 * is slow while this stays small was slow outside the load generator (in the target or the kernel); one that is slow
 * together with it says nothing about the target.
 */
final class LoopLag implements AutoCloseable {

    static final long PERIOD_MILLIS = 10;

    private final Recorder lateness = new Recorder(LoadRun.MAX_TRACKED_NANOS, 3);
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();

    LoopLag(EventLoopGroup loops) {
        long period = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
        for (EventExecutor loop : loops) {
            long[] due = {System.nanoTime() + period};
            probes.add(loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                lateness.recordValue(Math.min(Math.max(now - due[0], 0), LoadRun.MAX_TRACKED_NANOS));
                // A late run is followed at once by the ones it missed; they count from when they fell due.
                due[0] += period;
            }, period, period, TimeUnit.NANOSECONDS));
        }
    }

    /** Forgets what was recorded so far (the warm-up). */
    void reset() {
        lateness.reset();
    }

    /** The lateness recorded since the last reset. */
    Histogram window() {
        return lateness.getIntervalHistogram();
    }

    @Override
    public void close() {
        probes.forEach(probe -> probe.cancel(false));
    }
}
