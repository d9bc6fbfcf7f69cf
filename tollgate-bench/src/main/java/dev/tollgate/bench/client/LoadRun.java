package dev.tollgate.bench.client;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** The state every connection of one message-load run shares: phase flags, counters and the latency recorder. */
final class LoadRun {

    /** Longest round trip the histogram tracks; longer ones are recorded as this. */
    static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);

    final int messageSize;
    final long periodNanos;
    final long maxMessages;
    final byte[] filler;
    final Recorder latency = new Recorder(MAX_TRACKED_NANOS, 3);
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final Errors errors = new Errors();
    /** The longest round trip answered in each second of the measured window: where in the window a stall fell. */
    final AtomicLongArray worstBySecond;
    volatile long measuringSince;
    volatile boolean sending;
    volatile boolean measuring;
    volatile boolean stopping;

    LoadRun(LoadSettings settings, long maxMessages) {
        this.messageSize = settings.messageSize();
        this.periodNanos = settings.closedLoop() ? 0 : (long) (1e9 / settings.ratePerConnection());
        this.maxMessages = maxMessages;
        this.filler = new byte[messageSize];
        Arrays.fill(filler, (byte) 'x');
        this.worstBySecond = new AtomicLongArray((int) settings.duration().toSeconds() + 2);
    }

    void startMeasuring() {
        measuringSince = System.nanoTime();
        measuring = true;
    }

    boolean maySend() {
        return sending && sent.sum() < maxMessages;
    }

    void replied(long roundTripNanos) {
        received.increment();
        if (measuring) {
            long tracked = Math.min(Math.max(roundTripNanos, 0), MAX_TRACKED_NANOS);
            latency.recordValue(tracked);
            int second = (int) Math.min(worstBySecond.length() - 1,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - measuringSince));
            worstBySecond.accumulateAndGet(second, tracked, Math::max);
        }
    }
}
