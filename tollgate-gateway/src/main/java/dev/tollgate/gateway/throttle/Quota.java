package dev.tollgate.gateway.throttle;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counter of one subject's quota on this gateway, shared by all of the subject's connections and safe to use
 * from every event loop. Its {@link Limits} are replaced when a snapshot changes the subject's plan; the next frame
 * then rebuilds the bucket's configuration.
 */
abstract class Quota {

    private static final Logger log = LoggerFactory.getLogger(Quota.class);
    /** At most one log line per quota per this period; the frames in between are counted in it. */
    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Subject subject;
    private volatile Limits limits;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());

    Quota(Subject subject, Limits limits) {
        this.subject = subject;
        this.limits = limits;
    }

    Subject subject() {
        return subject;
    }

    Limits limits() {
        return limits;
    }

    void limits(Limits next) {
        this.limits = next;
    }

    /** Takes {@code cost} (at least 1) from the quota under {@code current}, which are not unlimited. */
    abstract Take take(Limits current, long cost, Runnable waiter);

    /** Gives back what {@link #take} took, when another quota refused the same frame. */
    abstract void refund(Limits current, long cost);

    /**
     * How long until one more event could pass, 0 when it can now (or when this gateway cannot know without asking
     * Redis); never blocks.
     */
    abstract long nanosUntilAvailable(Limits current);

    /** Logs throttled frames, at most once per period per quota; the subject id is logged, never a token. */
    void logThrottled(String api, boolean enforced) {
        long count = unlogged.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_PERIOD_NANOS)) {
            unlogged.addAndGet(-count);
            log.info("Quota of {} {} on API {} reached (plan {}): {} frame(s) {} since the last report",
                    subject.level().tag(), subject.id(), api, limits.plan(), count,
                    enforced ? "throttled" : "over quota, passed (stopOnQuotaReach off)");
        }
    }
}
