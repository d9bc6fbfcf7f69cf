package dev.tollgate.server.policy;

import dev.tollgate.server.system.PortalController;
import dev.tollgate.server.user.UserService;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Admin portal's start page: the subscription (business) and application throttling policies, read-only. */
@PortalController
class AdminPolicyPageController {

    private final PolicyService policies;
    private final UserService users;

    AdminPolicyPageController(PolicyService policies, UserService users) {
        this.policies = policies;
        this.users = users;
    }

    @GetMapping({"/admin", "/admin/policies"})
    String policies(Model model) {
        model.addAttribute("subscriptionPolicies", policies.list(PolicyLevel.SUBSCRIPTION));
        model.addAttribute("applicationPolicies", policies.list(PolicyLevel.APPLICATION));
        model.addAttribute("apiPolicies", policies.list(PolicyLevel.API));
        model.addAttribute("defaultAdminPassword", users.defaultAdminPasswordInUse());
        return "policy/list";
    }
}
