package dev.tollgate.server.policy;

/** Where a throttling policy applies. */
public enum PolicyLevel {
    SUBSCRIPTION,
    APPLICATION;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
