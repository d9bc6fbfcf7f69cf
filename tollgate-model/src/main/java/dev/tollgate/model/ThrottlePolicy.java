package dev.tollgate.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A subscription plan ("business plan") such as Gold or AsyncSilver.
 *
 * @param limit how many requests or events (or bytes, for bandwidth) pass per {@code window}; ignored when unlimited
 * @param window the time unit of the quota ({@code unitTime} × {@code timeUnit} in WSO2's terms)
 * @param stopOnQuotaReach whether traffic stops at the quota (WSO2's default) or is only logged
 */
public record ThrottlePolicy(
        String name,
        String displayName,
        String description,
        QuotaType quotaType,
        long limit,
        Duration window,
        boolean stopOnQuotaReach) {

    public ThrottlePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quotaType, "quotaType");
        Objects.requireNonNull(window, "window");
    }

    public boolean unlimited() {
        return quotaType == QuotaType.UNLIMITED;
    }
}
