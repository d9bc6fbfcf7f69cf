package dev.tollgate.server.application;

import java.util.List;
import java.util.Map;

import dev.tollgate.server.keymanager.KeyManagerService;
import dev.tollgate.server.keymanager.KeyMapping;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.system.FormErrors;
import dev.tollgate.server.system.PortalController;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Developer Portal's Applications page: the signed-in user's applications, their keys, create and delete. */
@PortalController
@RequestMapping("/devportal/applications")
class ApplicationPageController {

    private static final Map<String, String> FIELDS = Map.of(
            "name", "name", "throttlingPolicy", "throttlingPolicy", "description", "description",
            "tokenType", "tokenType");

    /** An application with its keys, as one row of the page. */
    record Row(Application application, List<KeyMapping> keys) {
    }

    private final ApplicationService applications;
    private final KeyManagerService keyManager;
    private final PolicyService policies;

    ApplicationPageController(ApplicationService applications, KeyManagerService keyManager, PolicyService policies) {
        this.applications = applications;
        this.keyManager = keyManager;
        this.policies = policies;
    }

    @GetMapping
    String list(Authentication user, Model model) {
        return page(model, Actor.of(user), new ApplicationService.Draft("", ApplicationService.DEFAULT_POLICY, "", "JWT"),
                Map.of());
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String throttlingPolicy,
            @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String tokenType,
            Authentication user, Model model) {
        Actor actor = Actor.of(user);
        ApplicationService.Draft draft = new ApplicationService.Draft(name, throttlingPolicy, description, tokenType);
        try {
            applications.create(draft, actor);
            return "redirect:/devportal/applications?created";
        } catch (ApiException refusal) {
            return page(model, actor, draft, FormErrors.of(refusal, FIELDS));
        }
    }

    @PostMapping("/{applicationId}/delete")
    String delete(@PathVariable String applicationId, Authentication user) {
        applications.delete(applicationId, Actor.of(user));
        return "redirect:/devportal/applications?deleted";
    }

    private String page(Model model, Actor actor, ApplicationService.Draft draft, Map<String, String> errors) {
        model.addAttribute("rows", applications.listOwn(actor).stream()
                .map(app -> new Row(app, keyManager.keysOf(app.id()))).toList());
        model.addAttribute("draft", draft);
        model.addAttribute("errors", errors);
        model.addAttribute("plans", policies.list(PolicyLevel.APPLICATION));
        model.addAttribute("opaqueTokenType", KeyManagerService.OPAQUE);
        return "application/list";
    }
}
