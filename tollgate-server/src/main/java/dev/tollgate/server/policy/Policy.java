package dev.tollgate.server.policy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.tollgate.model.QuotaAction;
import dev.tollgate.model.QuotaType;
import dev.tollgate.model.ThrottlePolicy;

/**
 * A stored throttling policy, with WSO2's units: {@code limit} per {@code unitTime} {@code timeUnit}; for a bandwidth
 * quota the limit is counted in {@code dataUnit} (KB or MB). {@code rateLimitCount} per {@code rateLimitTimeUnit} is
 * WSO2's burst control (0 = none). {@code onQuotaExceeded} says what the gateway does with a frame over the quota.
 */
public record Policy(
        String id,
        PolicyLevel level,
        String name,
        String displayName,
        String description,
        QuotaType quotaType,
        long limit,
        int unitTime,
        String timeUnit,
        String dataUnit,
        int rateLimitCount,
        String rateLimitTimeUnit,
        boolean stopOnQuotaReach,
        String onQuotaExceeded,
        String billingPlan) {

    public static final String DROP_FRAME = "DROP_FRAME";
    public static final String CLOSE_CONNECTION = "CLOSE_CONNECTION";

    public Duration window() {
        return unit(timeUnit).getDuration().multipliedBy(unitTime);
    }

    /** The quota in what the gateway counts: frames, or bytes for a bandwidth quota. */
    public long limitInUnits() {
        if (quotaType != QuotaType.BANDWIDTH) {
            return limit;
        }
        return "MB".equals(dataUnit) ? limit * 1024 * 1024 : limit * 1024;
    }

    /** WSO2's burst window: one {@code rateLimitTimeUnit}; zero without burst control. */
    public Duration burstWindow() {
        return rateLimitCount > 0 && rateLimitTimeUnit != null ? unit(rateLimitTimeUnit).getDuration() : Duration.ZERO;
    }

    public ThrottlePolicy toRuntime() {
        Duration burstWindow = burstWindow();
        return new ThrottlePolicy(name, displayName, description, quotaType, limitInUnits(), window(),
                burstWindow.isZero() ? 0 : rateLimitCount, burstWindow,
                CLOSE_CONNECTION.equals(onQuotaExceeded) ? QuotaAction.CLOSE_CONNECTION : QuotaAction.DROP_FRAME,
                stopOnQuotaReach);
    }

    static ChronoUnit unit(String timeUnit) {
        return switch (timeUnit) {
            case "sec" -> ChronoUnit.SECONDS;
            case "min" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "month" -> ChronoUnit.MONTHS;
            case "year" -> ChronoUnit.YEARS;
            default -> throw new IllegalArgumentException("timeUnit: \"" + timeUnit
                    + "\" (expected one of: sec, min, hour, day, month, year)");
        };
    }
}
