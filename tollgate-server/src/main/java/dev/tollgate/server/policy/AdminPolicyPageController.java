package dev.tollgate.server.policy;

import java.util.Map;

import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.system.FormErrors;
import dev.tollgate.server.system.PortalController;
import dev.tollgate.server.user.UserService;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The Admin portal's start page: the business plans at the three levels (subscription, application, API), and their
 * create, edit and delete forms. {@link PolicyService} holds every rule, including which plans may not be deleted.
 */
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

    @GetMapping("/admin/policies/{level}/new")
    String createForm(@PathVariable String level, Model model) {
        return form(model, PolicyLevel.ofSegment(level), null, PolicyForm.empty(), Map.of());
    }

    @PostMapping("/admin/policies/{level}")
    String create(@PathVariable String level, @ModelAttribute PolicyForm form, Authentication user, Model model) {
        PolicyLevel policyLevel = PolicyLevel.ofSegment(level);
        try {
            Policy created = policies.create(policyLevel, form.toDraft(), Actor.of(user));
            return "redirect:/admin?created=" + created.name();
        } catch (ApiException refusal) {
            return form(model, policyLevel, null, form, FormErrors.of(refusal, PolicyForm.FIELDS));
        }
    }

    @GetMapping("/admin/policies/{level}/{policyId}")
    String editForm(@PathVariable String level, @PathVariable String policyId, Model model) {
        Policy policy = policies.get(PolicyLevel.ofSegment(level), policyId);
        return form(model, policy.level(), policy, PolicyForm.of(policy), Map.of());
    }

    @PostMapping("/admin/policies/{level}/{policyId}")
    String update(@PathVariable String level, @PathVariable String policyId, @ModelAttribute PolicyForm form,
            Authentication user, Model model) {
        Policy current = policies.get(PolicyLevel.ofSegment(level), policyId);
        try {
            policies.update(current.level(), policyId, form.toDraft(), Actor.of(user));
            return "redirect:/admin?updated=" + current.name();
        } catch (ApiException refusal) {
            return form(model, current.level(), current, form, FormErrors.of(refusal, PolicyForm.FIELDS));
        }
    }

    @PostMapping("/admin/policies/{level}/{policyId}/delete")
    String delete(@PathVariable String level, @PathVariable String policyId, Authentication user, Model model) {
        Policy policy = policies.get(PolicyLevel.ofSegment(level), policyId);
        try {
            policies.delete(policy.level(), policyId, Actor.of(user));
            return "redirect:/admin?deleted=" + policy.name();
        } catch (ApiException refusal) {
            model.addAttribute("problem", refusal.getMessage());
            return policies(model);
        }
    }

    private String form(Model model, PolicyLevel level, Policy editing, PolicyForm form, Map<String, String> errors) {
        model.addAttribute("level", level);
        model.addAttribute("segment", level.segment());
        model.addAttribute("levelTitle", switch (level) {
            case SUBSCRIPTION -> "subscription plan";
            case APPLICATION -> "application plan";
            case API -> "API-level (advanced) plan";
        });
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "policy/form";
    }
}
