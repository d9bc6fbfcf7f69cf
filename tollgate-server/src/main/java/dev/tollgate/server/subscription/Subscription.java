package dev.tollgate.server.subscription;

import java.time.Instant;

import dev.tollgate.model.RuntimeSubscription;
import dev.tollgate.model.SubscriptionStatus;

public record Subscription(
        String id,
        String applicationId,
        String apiId,
        String throttlingPolicy,
        SubscriptionStatus status,
        Instant createdAt) {

    public RuntimeSubscription toRuntime() {
        return new RuntimeSubscription(id, applicationId, apiId, throttlingPolicy, status);
    }
}
