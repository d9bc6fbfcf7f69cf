package dev.tollgate.gateway.throttle;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * A quota counted in this gateway only: a Bucket4j local bucket. The bucket is synchronized rather than lock-free
 * because the lock-free one copies its state on every attempt, and taking a frame's cost must not allocate.
 */
final class LocalQuota extends Quota {

    private volatile Limits applied;
    private volatile LocalBucket bucket;

    LocalQuota(Subject subject, Limits limits) {
        super(subject, limits);
    }

    @Override
    Take take(Limits current, long cost, Runnable waiter) {
        return bucket(current).tryConsume(cost) ? Take.PASSED : Take.EXCEEDED;
    }

    @Override
    void refund(Limits current, long cost) {
        bucket(current).addTokens(cost);
    }

    @Override
    long nanosUntilAvailable(Limits current) {
        return bucket(current).estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    /**
     * The bucket under {@code current}: built on first use, reconfigured when the plan changed. What was used in the
     * window stays used when a plan is raised (Bucket4j's additive inheritance: 2 used of 2, then a plan of 50, leaves
     * 48); a lowered plan caps what is left at its new capacity.
     */
    private LocalBucket bucket(Limits current) {
        if (applied == current) {
            return bucket;
        }
        synchronized (this) {
            if (applied != current) {
                if (bucket == null) {
                    LocalBucketBuilder builder = Bucket.builder()
                            .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED);
                    for (Bandwidth bandwidth : current.configuration().getBandwidths()) {
                        builder.addLimit(bandwidth);
                    }
                    bucket = builder.build();
                } else {
                    bucket.replaceConfiguration(current.configuration(), TokensInheritanceStrategy.ADDITIVE);
                }
                applied = current;
            }
            return bucket;
        }
    }
}
