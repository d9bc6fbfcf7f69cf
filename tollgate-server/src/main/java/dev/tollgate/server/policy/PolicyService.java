package dev.tollgate.server.policy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.tollgate.server.system.ApiException;
import org.springframework.stereotype.Service;

/** The rules about throttling policies that other features rely on: which exist, and looking them up by name. */
@Service
public class PolicyService {

    private final PolicyRepository policies;

    PolicyService(PolicyRepository policies) {
        this.policies = policies;
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
