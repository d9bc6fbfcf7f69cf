package dev.tollgate.gateway.throttle;

import dev.tollgate.model.QuotaAction;
import dev.tollgate.model.QuotaType;
import dev.tollgate.model.ThrottlePolicy;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;

/**
 * A plan as the gateway enforces it, derived once per plan definition: the Bucket4j configuration (the quota, and
 * the burst limit when the plan has one, each refilled in full at the end of its window) and what to do past it.
 * Quotas compare {@code Limits} by identity: a new instance means the definition changed.
 */
final class Limits {

    /** No limit: frames pass without touching a bucket. */
    static final Limits UNLIMITED = new Limits(null, null, 0, 0);

    private final ThrottlePolicy policy;
    private final BucketConfiguration configuration;
    private final long capacity;
    private final long version;

    private Limits(ThrottlePolicy policy, BucketConfiguration configuration, long capacity, long version) {
        this.policy = policy;
        this.configuration = configuration;
        this.capacity = capacity;
        this.version = version;
    }

    /**
     * @param version orders definitions of the same subject's plan across gateways (the snapshot revision at which
     *        this definition was first seen); a shared bucket takes a configuration with a higher version
     */
    static Limits of(ThrottlePolicy policy, long version) {
        if (policy == null || policy.unlimited()) {
            return UNLIMITED;
        }
        ConfigurationBuilder builder = BucketConfiguration.builder().addLimit(Bandwidth.builder()
                .capacity(policy.limit())
                .refillIntervally(policy.limit(), policy.window())
                .build());
        long capacity = policy.limit();
        if (policy.hasBurstLimit()) {
            builder.addLimit(Bandwidth.builder()
                    .capacity(policy.burstLimit())
                    .refillIntervally(policy.burstLimit(), policy.burstWindow())
                    .build());
            capacity = Math.min(capacity, policy.burstLimit());
        }
        return new Limits(policy, builder.build(), capacity, version);
    }

    boolean unlimited() {
        return policy == null;
    }

    /** Whether frames over the quota are stopped; {@code false} for a plan that only counts (stopOnQuotaReach off). */
    boolean enforced() {
        return policy.stopOnQuotaReach();
    }

    boolean closesConnection() {
        return policy.onQuotaExceeded() == QuotaAction.CLOSE_CONNECTION;
    }

    /** What one frame costs: its payload bytes for a bandwidth plan, else one event. */
    long cost(int payloadBytes) {
        return policy.quotaType() == QuotaType.BANDWIDTH ? payloadBytes : 1;
    }

    String plan() {
        return policy == null ? "Unlimited" : policy.name();
    }

    BucketConfiguration configuration() {
        return configuration;
    }

    /** The most one request can take: the smaller of the quota and the burst limit. */
    long capacity() {
        return capacity;
    }

    long version() {
        return version;
    }
}
