package dev.tollgate.server.policy;

import java.util.Map;

import dev.tollgate.model.QuotaType;

/**
 * The fields of the admin's plan form, as submitted (numbers as typed), so that a refused form is shown again with
 * what the admin entered. An unchecked "stop on quota reach" box is not submitted at all: absent means no.
 */
record PolicyForm(String name, String displayName, String description, String quotaType, String limit,
        String unitTime, String timeUnit, String dataUnit, String rateLimitCount, String rateLimitTimeUnit,
        String stopOnQuotaReach, String onQuotaExceeded, String billingPlan) {

    /** The service's field names (its descriptions start with them) mapped to the form's inputs. */
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("policyName", "name"), Map.entry("displayName", "displayName"),
            Map.entry("description", "description"), Map.entry("defaultLimit.type", "quotaType"),
            Map.entry("defaultLimit", "limit"), Map.entry("unitTime", "unitTime"), Map.entry("timeUnit", "timeUnit"),
            Map.entry("dataUnit", "dataUnit"), Map.entry("rateLimitCount", "rateLimitCount"),
            Map.entry("rateLimitTimeUnit", "rateLimitTimeUnit"), Map.entry("onQuotaExceeded", "onQuotaExceeded"),
            Map.entry("billingPlan", "billingPlan"));

    static PolicyForm empty() {
        return new PolicyForm("", "", "", QuotaType.REQUEST_COUNT.name(), "", "1", "min", "KB", "0", "sec", "true",
                Policy.DROP_FRAME, "FREE");
    }

    static PolicyForm of(Policy policy) {
        return new PolicyForm(policy.name(), policy.displayName(), policy.description(), policy.quotaType().name(),
                policy.quotaType() == QuotaType.UNLIMITED ? "" : String.valueOf(policy.limit()),
                String.valueOf(policy.unitTime()), policy.timeUnit(),
                policy.dataUnit() == null ? "KB" : policy.dataUnit(), String.valueOf(policy.rateLimitCount()),
                policy.rateLimitTimeUnit() == null ? "sec" : policy.rateLimitTimeUnit(),
                String.valueOf(policy.stopOnQuotaReach()), policy.onQuotaExceeded(), policy.billingPlan());
    }

    public boolean stops() {
        return "true".equals(stopOnQuotaReach);
    }

    /** Blank numbers take the service's defaults; text that is no number is refused naming the field. */
    PolicyDraft toDraft() {
        return new PolicyDraft(name, displayName, description, quotaType,
                AdminPolicyController.number(blankToNull(limit), "defaultLimit"),
                AdminPolicyController.intOrNull(AdminPolicyController.number(blankToNull(unitTime), "unitTime")),
                timeUnit, dataUnit,
                AdminPolicyController.intOrNull(AdminPolicyController.number(blankToNull(rateLimitCount),
                        "rateLimitCount")),
                rateLimitTimeUnit, stops(), onQuotaExceeded, billingPlan);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
