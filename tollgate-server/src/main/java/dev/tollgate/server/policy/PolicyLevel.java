package dev.tollgate.server.policy;

import dev.tollgate.server.system.ApiException;

/** Where a throttling policy applies. */
public enum PolicyLevel {
    SUBSCRIPTION,
    APPLICATION,
    /** WSO2's "advanced" policies: one per API, shared by all its subscribers. */
    API;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** WSO2's path segment: {@code subscription}, {@code application}, and {@code advanced} for API-level plans. */
    String segment() {
        return this == API ? "advanced" : column();
    }

    static PolicyLevel ofSegment(String segment) {
        for (PolicyLevel level : values()) {
            if (level.segment().equals(segment)) {
                return level;
            }
        }
        throw ApiException.notFound("No policy level '" + segment
                + "' (expected: subscription, application or advanced)");
    }
}
