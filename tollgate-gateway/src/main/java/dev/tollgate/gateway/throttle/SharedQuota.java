package dev.tollgate.gateway.throttle;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A quota shared by several gateways through Redis, counted without ever blocking an event loop.
 *
 * <p><b>Reserve in chunks, consume locally.</b> Asking Redis for every frame would put a network round trip (and a
 * {@code CompletableFuture}) on every frame. Instead this gateway takes tokens from the shared Bucket4j bucket in
 * chunks, asynchronously ({@link AsyncBucketProxy}, off the event loop), and hands them out to frames with one
 * atomic decrement. A frame that finds no local token waits, in order, in its connection's queue (the connection
 * stops reading meanwhile) until the pending reservation answers on a Lettuce thread; the waiters are then woken on
 * their own event loops.
 *
 * <p><b>Accuracy.</b> A chunk is 1/128 of what Redis reported left (at least the frame's cost, at most 1/16 of the
 * capacity), so chunks shrink as the quota runs out and the last ones are single tokens. What one gateway holds and
 * another could have used is therefore under 1% of the quota, so two gateways enforce one quota within 1%. Tokens
 * reserved before a window ends may be spent just after it: at most one small chunk per gateway.
 *
 * <p><b>Redis down.</b> When a call fails the quota counts on a local bucket with the same limits (the gateway says
 * {@link ThrottlingMode#LOCAL_FALLBACK}) and tries Redis again after {@link RedisQuotas#RETRY_AFTER}.
 */
final class SharedQuota extends Quota {

    private static final long CHUNK_DIVISOR = 128;
    private static final long MAX_CHUNK_FRACTION = 16;
    private static final int MAX_RESERVE_ATTEMPTS = 3;

    private final RedisQuotas redis;
    private final LocalQuota fallback;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicBoolean reserving = new AtomicBoolean();
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();
    private volatile long exhaustedUntilNanos = System.nanoTime();
    private volatile long lastRemaining = -1;
    private volatile Remote remote;

    /** The shared bucket as configured by one definition of the plan. */
    private record Remote(Limits limits, AsyncBucketProxy bucket) {
    }

    SharedQuota(Subject subject, Limits limits, RedisQuotas redis) {
        super(subject, limits);
        this.redis = redis;
        this.fallback = new LocalQuota(subject, limits);
    }

    /** A new plan definition: what was reserved or learnt under the old one no longer holds. */
    @Override
    void limits(Limits next) {
        if (next != limits()) {
            reserved.set(0);
            lastRemaining = -1;
            exhaustedUntilNanos = System.nanoTime();
        }
        super.limits(next);
    }

    @Override
    Take take(Limits current, long cost, Runnable waiter) {
        if (!redis.available()) {
            return fallback.take(current, cost, waiter);
        }
        if (cost > current.capacity()) {
            return Take.EXCEEDED;
        }
        if (takeReserved(cost)) {
            return Take.PASSED;
        }
        if (System.nanoTime() - exhaustedUntilNanos < 0) {
            return Take.EXCEEDED;
        }
        // Registered before the reservation starts (or before the running one finishes): it cannot be missed.
        waiters.add(waiter);
        if (reserving.compareAndSet(false, true)) {
            reserve(current, cost, MAX_RESERVE_ATTEMPTS);
        }
        return Take.PENDING;
    }

    private boolean takeReserved(long cost) {
        for (long left = reserved.get(); left >= cost; left = reserved.get()) {
            if (reserved.compareAndSet(left, left - cost)) {
                return true;
            }
        }
        return false;
    }

    @Override
    void refund(Limits current, long cost) {
        if (redis.available()) {
            reserved.addAndGet(cost);
        } else {
            fallback.refund(current, cost);
        }
    }

    @Override
    long nanosUntilAvailable(Limits current) {
        if (!redis.available()) {
            return fallback.nanosUntilAvailable(current);
        }
        return reserved.get() > 0 ? 0 : Math.max(0, exhaustedUntilNanos - System.nanoTime());
    }

    /** Asks Redis for a chunk of at least {@code cost}; runs its answer on a Lettuce thread. */
    private void reserve(Limits current, long cost, int attemptsLeft) {
        long remaining = lastRemaining < 0 ? current.capacity() : lastRemaining;
        long chunk = Math.max(cost, Math.min(remaining / CHUNK_DIVISOR,
                Math.max(1, current.capacity() / MAX_CHUNK_FRACTION)));
        AsyncBucketProxy bucket;
        try {
            bucket = remote(current);
        } catch (RuntimeException e) {
            answered(e);
            return;
        }
        bucket.tryConsumeAndReturnRemaining(chunk).whenComplete((probe, error) -> {
            if (error != null) {
                answered(error);
            } else if (probe.isConsumed()) {
                reserved.addAndGet(chunk);
                lastRemaining = probe.getRemainingTokens();
                answered(null);
            } else if (probe.getRemainingTokens() >= cost && attemptsLeft > 1) {
                // Less left than the chunk, but enough for this frame: ask again for a smaller chunk.
                lastRemaining = probe.getRemainingTokens();
                reserve(current, cost, attemptsLeft - 1);
            } else {
                lastRemaining = probe.getRemainingTokens();
                exhaustedUntilNanos = System.nanoTime() + Math.min(probe.getNanosToWaitForRefill(),
                        current.configuration().getBandwidths()[0].getRefillPeriodNanos());
                answered(null);
            }
        });
    }

    /** The reservation is over: let the next one start, then wake everyone who waited (on their event loops). */
    private void answered(Throwable error) {
        if (error != null) {
            redis.failed(error);
        } else {
            redis.recovered();
        }
        reserving.set(false);
        for (Runnable waiter = waiters.poll(); waiter != null; waiter = waiters.poll()) {
            waiter.run();
        }
    }

    private AsyncBucketProxy remote(Limits current) {
        Remote bound = remote;
        if (bound == null || bound.limits() != current) {
            bound = new Remote(current, redis.bucket(subject().key(), current));
            remote = bound;
            lastRemaining = -1;
        }
        return bound.bucket();
    }
}
