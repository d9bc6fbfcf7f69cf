package dev.tollgate.server.policy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.tollgate.model.QuotaType;
import dev.tollgate.server.runtime.StateChanged;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.user.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns throttling policies: which exist, what a valid one is, and that a policy in use is never deleted. Changes reach
 * the gateways, and so live connections, with the next runtime snapshot.
 */
@Service
public class PolicyService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,60}");
    private static final Set<String> TIME_UNITS = Set.of("sec", "min", "hour", "day", "month", "year");
    private static final Set<String> PROTECTED = Set.of("Unlimited", "AsyncUnlimited");

    private final PolicyRepository policies;
    private final ApplicationEventPublisher events;

    PolicyService(PolicyRepository policies, ApplicationEventPublisher events) {
        this.policies = policies;
        this.events = events;
    }

    @Transactional
    public Policy create(PolicyLevel level, PolicyDraft draft, Actor actor) {
        actor.require("manage throttling policies", Role.ADMIN);
        String name = draft.name() == null ? "" : draft.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("policyName: \"" + name
                    + "\" (expected: 1 to 60 letters, digits, '_' or '-')");
        }
        if (policies.findByName(level, name).isPresent()) {
            throw ApiException.conflict("A " + level.column() + " policy named " + name + " already exists");
        }
        Policy policy = validated(UUID.randomUUID().toString(), level, name, draft);
        policies.insert(policy);
        events.publishEvent(new StateChanged("policy " + name + " created"));
        return policy;
    }

    @Transactional
    public Policy update(PolicyLevel level, String policyId, PolicyDraft draft, Actor actor) {
        actor.require("manage throttling policies", Role.ADMIN);
        Policy current = get(level, policyId);
        if (draft.name() != null && !draft.name().strip().equals(current.name())) {
            throw ApiException.badRequest("policyName: \"" + draft.name() + "\" (expected: " + current.name()
                    + "; a policy cannot be renamed)");
        }
        Policy policy = validated(current.id(), level, current.name(), draft);
        policies.update(policy);
        events.publishEvent(new StateChanged("policy " + policy.name() + " updated"));
        return policy;
    }

    @Transactional
    public void delete(PolicyLevel level, String policyId, Actor actor) {
        actor.require("manage throttling policies", Role.ADMIN);
        Policy policy = get(level, policyId);
        if (PROTECTED.contains(policy.name())) {
            throw ApiException.conflict("Policy " + policy.name() + " is built in and cannot be deleted");
        }
        long usages = policies.usages(policy);
        if (usages > 0) {
            throw ApiException.conflict("Policy " + policy.name() + " is in use (" + usages
                    + " APIs, subscriptions or applications); move them to another plan first");
        }
        policies.delete(policy.id());
        events.publishEvent(new StateChanged("policy " + policy.name() + " deleted"));
    }

    private static Policy validated(String id, PolicyLevel level, String name, PolicyDraft draft) {
        String displayName = draft.displayName() == null || draft.displayName().isBlank() ? name
                : draft.displayName().strip();
        if (displayName.length() > 100) {
            throw ApiException.badRequest("displayName: (expected: at most 100 characters)");
        }
        String description = draft.description() == null ? "" : draft.description().strip();
        if (description.length() > 1000) {
            throw ApiException.badRequest("description: (expected: at most 1000 characters)");
        }
        QuotaType type = quotaType(draft.quotaType());
        long limit = draft.limit() == null ? 0 : draft.limit();
        if (type != QuotaType.UNLIMITED && (limit < 1 || limit > 1_000_000_000_000L)) {
            throw ApiException.badRequest("defaultLimit: " + limit + " (expected: a quota from 1 to 10^12)");
        }
        int unitTime = draft.unitTime() == null ? 1 : draft.unitTime();
        if (unitTime < 1 || unitTime > 1000) {
            throw ApiException.badRequest("unitTime: " + unitTime + " (expected: 1 to 1000)");
        }
        String timeUnit = draft.timeUnit() == null ? "min" : draft.timeUnit().strip();
        if (!TIME_UNITS.contains(timeUnit)) {
            throw ApiException.badRequest("timeUnit: \"" + timeUnit + "\" (expected one of: " + TIME_UNITS + ")");
        }
        String dataUnit = null;
        if (type == QuotaType.BANDWIDTH) {
            dataUnit = draft.dataUnit() == null ? "" : draft.dataUnit().strip().toUpperCase(java.util.Locale.ROOT);
            if (!dataUnit.equals("KB") && !dataUnit.equals("MB")) {
                throw ApiException.badRequest("dataUnit: \"" + draft.dataUnit() + "\" (expected: KB or MB)");
            }
        }
        int rateLimitCount = draft.rateLimitCount() == null ? 0 : draft.rateLimitCount();
        String rateLimitTimeUnit = draft.rateLimitTimeUnit() == null || draft.rateLimitTimeUnit().isBlank() ? null
                : draft.rateLimitTimeUnit().strip();
        if (rateLimitCount < 0 || rateLimitCount > 1_000_000) {
            throw ApiException.badRequest("rateLimitCount: " + rateLimitCount + " (expected: 0 to 1000000)");
        }
        if (rateLimitCount > 0 && !"sec".equals(rateLimitTimeUnit) && !"min".equals(rateLimitTimeUnit)) {
            throw ApiException.badRequest("rateLimitTimeUnit: \"" + rateLimitTimeUnit + "\" (expected: sec or min)");
        }
        String onExceeded = draft.onQuotaExceeded() == null || draft.onQuotaExceeded().isBlank() ? Policy.DROP_FRAME
                : draft.onQuotaExceeded().strip();
        if (!onExceeded.equals(Policy.DROP_FRAME) && !onExceeded.equals(Policy.CLOSE_CONNECTION)) {
            throw ApiException.badRequest("onQuotaExceeded: \"" + onExceeded
                    + "\" (expected: DROP_FRAME or CLOSE_CONNECTION)");
        }
        String billing = draft.billingPlan() == null || draft.billingPlan().isBlank() ? "FREE" : draft.billingPlan().strip();
        if (!billing.equals("FREE") && !billing.equals("COMMERCIAL")) {
            throw ApiException.badRequest("billingPlan: \"" + billing + "\" (expected: FREE or COMMERCIAL)");
        }
        return new Policy(id, level, name, displayName, description, type, type == QuotaType.UNLIMITED ? 0 : limit,
                unitTime, timeUnit, dataUnit, rateLimitCount, rateLimitCount > 0 ? rateLimitTimeUnit : null,
                draft.stopOnQuotaReach() == null || draft.stopOnQuotaReach(), onExceeded, billing);
    }

    /** Reads WSO2's limit types ({@code REQUESTCOUNTLIMIT}) as well as the enum names. */
    private static QuotaType quotaType(String text) {
        String type = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        return switch (type) {
            case "REQUESTCOUNTLIMIT", "REQUEST_COUNT" -> QuotaType.REQUEST_COUNT;
            case "EVENTCOUNTLIMIT", "EVENT_COUNT" -> QuotaType.EVENT_COUNT;
            case "BANDWIDTHLIMIT", "BANDWIDTH" -> QuotaType.BANDWIDTH;
            case "UNLIMITED" -> QuotaType.UNLIMITED;
            default -> throw ApiException.badRequest("defaultLimit.type: \"" + text
                    + "\" (expected: REQUESTCOUNTLIMIT, EVENTCOUNTLIMIT or BANDWIDTHLIMIT)");
        };
    }

    public List<Policy> list(PolicyLevel level) {
        return policies.findAll(level);
    }

    public Policy get(PolicyLevel level, String policyId) {
        return policies.findById(level, policyId)
                .orElseThrow(() -> ApiException.notFound("No " + level.column() + " policy with id " + policyId));
    }

    public Optional<Policy> findByName(PolicyLevel level, String name) {
        return policies.findByName(level, name);
    }

    /** Checks that each name is an existing policy of that level; the message lists the ones that exist. */
    public void requireExisting(PolicyLevel level, String field, Collection<String> names) {
        List<String> known = list(level).stream().map(Policy::name).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                throw ApiException.badRequest(field + ": \"" + name + "\" (expected one of: "
                        + String.join(", ", known) + ")");
            }
        }
    }
}
