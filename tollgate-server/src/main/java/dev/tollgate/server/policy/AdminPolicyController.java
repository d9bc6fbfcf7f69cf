package dev.tollgate.server.policy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.model.QuotaType;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    @GetMapping("/{level}")
    Map<String, Object> list(@PathVariable String level) {
        return listOf(policies.list(level(level)));
    }

    @GetMapping("/{level}/{policyId}")
    Map<String, Object> get(@PathVariable String level, @PathVariable String policyId) {
        return toJson(policies.get(level(level), policyId));
    }

    @PostMapping("/{level}")
    ResponseEntity<Map<String, Object>> create(@PathVariable String level, @RequestBody Map<String, Object> body,
            Authentication user) {
        Policy policy = policies.create(level(level), draft(body), Actor.of(user));
        return ResponseEntity.created(URI.create("/api/am/admin/v4/throttling/policies/" + level + "/" + policy.id()))
                .body(toJson(policy));
    }

    @PutMapping("/{level}/{policyId}")
    Map<String, Object> update(@PathVariable String level, @PathVariable String policyId,
            @RequestBody Map<String, Object> body, Authentication user) {
        return toJson(policies.update(level(level), policyId, draft(body), Actor.of(user)));
    }

    @DeleteMapping("/{level}/{policyId}")
    ResponseEntity<Void> delete(@PathVariable String level, @PathVariable String policyId, Authentication user) {
        policies.delete(level(level), policyId, Actor.of(user));
        return ResponseEntity.ok().build();
    }

    private static PolicyLevel level(String segment) {
        return PolicyLevel.ofSegment(segment);
    }

    private static Map<String, Object> listOf(List<Policy> list) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", list.size());
        body.put("list", list.stream().map(AdminPolicyController::toJson).toList());
        return body;
    }

    /** Reads WSO2's policy JSON: {@code defaultLimit} holds a {@code requestCount}, {@code eventCount} or {@code bandwidth}. */
    static PolicyDraft draft(Map<String, Object> body) {
        Map<String, Object> limit = object(body, "defaultLimit");
        String type = text(limit, "type");
        Map<String, Object> quota = object(limit, "BANDWIDTHLIMIT".equalsIgnoreCase(type) ? "bandwidth"
                : "EVENTCOUNTLIMIT".equalsIgnoreCase(type) ? "eventCount" : "requestCount");
        Object amount = quota.containsKey("dataAmount") ? quota.get("dataAmount")
                : quota.containsKey("eventCount") ? quota.get("eventCount") : quota.get("requestCount");
        return new PolicyDraft(text(body, "policyName"), text(body, "displayName"), text(body, "description"),
                type, number(amount, "defaultLimit count"), intOrNull(number(quota.get("unitTime"), "unitTime")),
                text(quota, "timeUnit"), text(quota, "dataUnit"),
                intOrNull(number(body.get("rateLimitCount"), "rateLimitCount")), text(body, "rateLimitTimeUnit"),
                body.get("stopOnQuotaReach") instanceof Boolean stop ? stop : null, text(body, "onQuotaExceeded"),
                text(body, "billingPlan"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw ApiException.badRequest(field + ": (expected: a JSON object)");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> json, String field) {
        Object value = json.get(field);
        return value == null ? null : value.toString();
    }

    static Long number(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field + ": \"" + value + "\" (expected: a whole number)");
        }
    }

    static Integer intOrNull(Long value) {
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw ApiException.badRequest("value " + value + " is out of range");
        }
        return value.intValue();
    }

    /** WSO2's SubscriptionThrottlePolicy / ApplicationThrottlePolicy JSON. */
    static Map<String, Object> toJson(Policy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policyId", policy.id());
        json.put("policyName", policy.name());
        json.put("displayName", policy.displayName());
        json.put("description", policy.description());
        json.put("isDeployed", true);
        json.put("type", switch (policy.level()) {
            case SUBSCRIPTION -> "SubscriptionThrottlePolicy";
            case APPLICATION -> "ApplicationThrottlePolicy";
            case API -> "AdvancedThrottlePolicy";
        });
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("type", policy.quotaType().wso2Type());
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("timeUnit", policy.timeUnit());
        count.put("unitTime", policy.unitTime());
        String key = switch (policy.quotaType()) {
            case EVENT_COUNT -> "eventCount";
            case BANDWIDTH -> "bandwidth";
            default -> "requestCount";
        };
        if (policy.quotaType() == QuotaType.BANDWIDTH) {
            count.put("dataAmount", policy.limit());
            count.put("dataUnit", policy.dataUnit());
        } else {
            count.put(key, policy.quotaType() == QuotaType.UNLIMITED ? Integer.MAX_VALUE : policy.limit());
        }
        limit.put(key, count);
        json.put("defaultLimit", limit);
        if (policy.level() == PolicyLevel.SUBSCRIPTION) {
            json.put("rateLimitCount", policy.rateLimitCount());
            json.put("rateLimitTimeUnit", policy.rateLimitTimeUnit());
            json.put("stopOnQuotaReach", policy.stopOnQuotaReach());
            json.put("onQuotaExceeded", policy.onQuotaExceeded());
            json.put("billingPlan", policy.billingPlan());
        }
        return json;
    }
}
