package dev.tollgate.server.policy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.tollgate.model.QuotaType;
import dev.tollgate.model.ThrottlePolicy;

/** A stored throttling policy, with WSO2's units: {@code limit} per {@code unitTime} {@code timeUnit}. */
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
        boolean stopOnQuotaReach,
        String billingPlan) {

    public Duration window() {
        ChronoUnit unit = switch (timeUnit) {
            case "sec" -> ChronoUnit.SECONDS;
            case "min" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "month" -> ChronoUnit.MONTHS;
            case "year" -> ChronoUnit.YEARS;
            default -> throw new IllegalStateException("Unknown time unit " + timeUnit + " of policy " + name);
        };
        return unit.getDuration().multipliedBy(unitTime);
    }

    public ThrottlePolicy toRuntime() {
        return new ThrottlePolicy(name, displayName, description, quotaType, limit, window(), stopOnQuotaReach);
    }
}
