package dev.tollgate.model;

import java.util.Objects;

/** An application's subscription to an API under one plan. */
public record RuntimeSubscription(String id, String applicationId, String apiId, String plan, SubscriptionStatus status) {

    public RuntimeSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
    }
}
