package dev.tollgate.server.policy;

/**
 * What an admin submits for a throttling policy, before validation; null fields take their defaults.
 */
public record PolicyDraft(
        String name,
        String displayName,
        String description,
        String quotaType,
        Long limit,
        Integer unitTime,
        String timeUnit,
        String dataUnit,
        Integer rateLimitCount,
        String rateLimitTimeUnit,
        Boolean stopOnQuotaReach,
        String onQuotaExceeded,
        String billingPlan) {
}
