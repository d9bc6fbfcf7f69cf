package dev.tollgate.server.policy;

/** Where a throttling policy applies. */
public enum PolicyLevel {
    SUBSCRIPTION,
    APPLICATION,
    /** WSO2's "advanced" policies: one per API, shared by all its subscribers. */
    API;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
