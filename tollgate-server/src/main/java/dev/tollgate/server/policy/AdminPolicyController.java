package dev.tollgate.server.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.model.QuotaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin REST API {@code /api/am/admin/v4/throttling/policies/...}, in WSO2's shape. */
@RestController
@RequestMapping("/api/am/admin/v4/throttling/policies")
class AdminPolicyController {

    private final PolicyService policies;

    AdminPolicyController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping("/subscription")
    Map<String, Object> subscriptionPolicies() {
        return listOf(policies.list(PolicyLevel.SUBSCRIPTION));
    }

    @GetMapping("/subscription/{policyId}")
    Map<String, Object> subscriptionPolicy(@PathVariable String policyId) {
        return toJson(policies.get(PolicyLevel.SUBSCRIPTION, policyId));
    }

    @GetMapping("/application")
    Map<String, Object> applicationPolicies() {
        return listOf(policies.list(PolicyLevel.APPLICATION));
    }

    @GetMapping("/application/{policyId}")
    Map<String, Object> applicationPolicy(@PathVariable String policyId) {
        return toJson(policies.get(PolicyLevel.APPLICATION, policyId));
    }

    private static Map<String, Object> listOf(List<Policy> list) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", list.size());
        body.put("list", list.stream().map(AdminPolicyController::toJson).toList());
        return body;
    }

    /** WSO2's SubscriptionThrottlePolicy / ApplicationThrottlePolicy JSON. */
    static Map<String, Object> toJson(Policy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policyId", policy.id());
        json.put("policyName", policy.name());
        json.put("displayName", policy.displayName());
        json.put("description", policy.description());
        json.put("isDeployed", true);
        json.put("type", policy.level() == PolicyLevel.SUBSCRIPTION
                ? "SubscriptionThrottlePolicy" : "ApplicationThrottlePolicy");
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("type", policy.quotaType().wso2Type());
        boolean events = policy.quotaType() == QuotaType.EVENT_COUNT;
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("timeUnit", policy.timeUnit());
        count.put("unitTime", policy.unitTime());
        count.put(events ? "eventCount" : "requestCount",
                policy.quotaType() == QuotaType.UNLIMITED ? Integer.MAX_VALUE : policy.limit());
        limit.put(events ? "eventCount" : "requestCount", count);
        json.put("defaultLimit", limit);
        if (policy.level() == PolicyLevel.SUBSCRIPTION) {
            json.put("rateLimitCount", 0);
            json.put("stopOnQuotaReach", policy.stopOnQuotaReach());
            json.put("billingPlan", policy.billingPlan());
        }
        return json;
    }
}
