package dev.tollgate.bench.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
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
 *
 * <p>Each probe is scheduled once at a time, its due time taken right before the call that schedules it. A fixed-rate
 * task whose due times were counted from before its first scheduling carried whatever ran in between into every
 * figure: a lambda's first linkage there made an idle loop look 2-5 ms late throughout a run.
 */
final class LoopLag implements AutoCloseable {

    static final long PERIOD_MILLIS = 10;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);

    private final Recorder lateness = new Recorder(LoadRun.MAX_TRACKED_NANOS, 3);
    private final List<Probe> probes = new ArrayList<>();
    private volatile boolean closed;

    LoopLag(EventExecutorGroup loops) {
        for (EventExecutor loop : loops) {
            Probe probe = new Probe(loop);
            probes.add(probe);
            probe.arm();
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
        closed = true;
        probes.forEach(Probe::cancel);
    }

    /** One loop's probe: runs on its loop, which re-arms it; armed first by the thread that makes the LoopLag. */
    private final class Probe implements Runnable {

        private final EventExecutor loop;
        private long due;
        private volatile ScheduledFuture<?> next;

        Probe(EventExecutor loop) {
            this.loop = loop;
        }

        void arm() {
            due = System.nanoTime() + PERIOD_NANOS;
            next = loop.schedule(this, PERIOD_NANOS, TimeUnit.NANOSECONDS);
            if (closed) {
                next.cancel(false);
            }
        }

        @Override
        public void run() {
            lateness.recordValue(Math.min(Math.max(System.nanoTime() - due, 0), LoadRun.MAX_TRACKED_NANOS));
            if (!closed) {
                arm();
            }
        }

        void cancel() {
            ScheduledFuture<?> armed = next;
            if (armed != null) {
                armed.cancel(false);
            }
        }
    }
}
