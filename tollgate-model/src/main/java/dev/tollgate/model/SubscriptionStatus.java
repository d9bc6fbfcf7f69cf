package dev.tollgate.model;

/** WSO2's subscription statuses; only {@link #UNBLOCKED} lets traffic through. */
public enum SubscriptionStatus {
    UNBLOCKED,
    BLOCKED,
    PROD_ONLY_BLOCKED,
    ON_HOLD,
    REJECTED;

    public boolean allowsTraffic() {
        return this == UNBLOCKED;
    }
}
