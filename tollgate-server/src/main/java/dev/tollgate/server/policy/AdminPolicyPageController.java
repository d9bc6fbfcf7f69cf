package dev.tollgate.server.policy;

import dev.tollgate.server.system.PortalController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Admin portal's start page: the subscription (business) and application throttling policies, read-only. */
@PortalController
class AdminPolicyPageController {

    private final PolicyService policies;

    AdminPolicyPageController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping({"/admin", "/admin/policies"})
    String policies(Model model) {
        model.addAttribute("subscriptionPolicies", policies.list(PolicyLevel.SUBSCRIPTION));
        model.addAttribute("applicationPolicies", policies.list(PolicyLevel.APPLICATION));
        return "policy/list";
    }
}
