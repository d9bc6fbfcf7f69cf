package dev.tollgate.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A throttling plan: a subscription plan ("business plan") such as Gold or AsyncSilver, an application plan, or an
 * API-level plan. The gateway counts each WebSocket data frame, in either direction, as one event (or its payload
 * bytes, for a {@link QuotaType#BANDWIDTH} plan).
 *
 * @param limit how many requests or events (or bytes, for bandwidth) pass per {@code window}; ignored when unlimited
 * @param window the time unit of the quota ({@code unitTime} × {@code timeUnit} in WSO2's terms)
 * @param burstLimit WSO2's burst control: at most this many events per {@code burstWindow} on top of the quota;
 *        0 for none. For a bandwidth plan it counts bytes, like the quota.
 * @param burstWindow the window of the burst limit; ignored when {@code burstLimit} is 0
 * @param onQuotaExceeded what happens to a frame over the quota when {@code stopOnQuotaReach} is set
 * @param stopOnQuotaReach whether traffic stops at the quota (WSO2's default) or is only counted and logged
 */
public record ThrottlePolicy(
        String name,
        String displayName,
        String description,
        QuotaType quotaType,
        long limit,
        Duration window,
        long burstLimit,
        Duration burstWindow,
        QuotaAction onQuotaExceeded,
        boolean stopOnQuotaReach) {

    public ThrottlePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quotaType, "quotaType");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(burstWindow, "burstWindow");
        Objects.requireNonNull(onQuotaExceeded, "onQuotaExceeded");
        if (quotaType != QuotaType.UNLIMITED) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit: " + limit + " (expected: at least 1 for plan " + name + ")");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window: " + window + " (expected: positive for plan " + name + ")");
            }
        }
        if (burstLimit < 0) {
            throw new IllegalArgumentException("burstLimit: " + burstLimit + " (expected: 0 for none, or positive)");
        }
        if (burstLimit > 0 && (burstWindow.isNegative() || burstWindow.isZero())) {
            throw new IllegalArgumentException("burstWindow: " + burstWindow + " (expected: positive with a burst limit)");
        }
    }

    /** A plan without burst control whose frames over the quota are dropped (WSO2's default). */
    public ThrottlePolicy(String name, String displayName, String description, QuotaType quotaType, long limit,
            Duration window, boolean stopOnQuotaReach) {
        this(name, displayName, description, quotaType, limit, window, 0, Duration.ZERO, QuotaAction.DROP_FRAME,
                stopOnQuotaReach);
    }

    public boolean unlimited() {
        return quotaType == QuotaType.UNLIMITED;
    }

    public boolean hasBurstLimit() {
        return burstLimit > 0;
    }
}
