package dev.tollgate.server.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.server.api.Api;
import dev.tollgate.server.api.ApiService;
import dev.tollgate.server.keymanager.KeyManagerService;
import dev.tollgate.server.keymanager.KeyMapping;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.system.FormErrors;
import dev.tollgate.server.subscription.Subscription;
import dev.tollgate.server.subscription.SubscriptionService;
import dev.tollgate.server.system.PortalController;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Developer Portal's Applications pages: the signed-in user's applications, create and delete; and one
 * application's page to edit it, see its subscriptions, and generate, rotate and delete its keys and get tokens.
 * Secrets and tokens are handed to the next page as flash attributes, so they are shown once and never in a URL.
 */
@PortalController
@RequestMapping("/devportal/applications")
class ApplicationPageController {

    private static final Map<String, String> FIELDS = Map.of(
            "name", "name", "throttlingPolicy", "throttlingPolicy", "description", "description",
            "tokenType", "tokenType");

    private static final Map<String, String> TOKEN_FIELDS = Map.of(
            "consumerSecret", "consumerSecret", "validityPeriod", "validityPeriod");

    /** An application with its keys, as one row of the page. */
    record Row(Application application, List<KeyMapping> keys) {
    }

    /** Keys with their grant types, as the application page shows them. */
    record Keys(KeyMapping mapping, Set<String> grantTypes) {
    }

    /** A subscription of the application with the API it is to (null if the API was deleted meanwhile). */
    record SubscriptionRow(Subscription subscription, Api api) {
    }

    private final ApplicationService applications;
    private final KeyManagerService keyManager;
    private final PolicyService policies;

    private final SubscriptionService subscriptions;
    private final ApiService apis;

    ApplicationPageController(ApplicationService applications, KeyManagerService keyManager, PolicyService policies,
            SubscriptionService subscriptions, ApiService apis) {
        this.applications = applications;
        this.keyManager = keyManager;
        this.policies = policies;
        this.subscriptions = subscriptions;
        this.apis = apis;
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

    @GetMapping("/{applicationId}")
    String application(@PathVariable String applicationId, Authentication user, Model model) {
        Actor actor = Actor.of(user);
        Application app = applications.getOwn(applicationId, actor);
        return applicationPage(model, actor, app, new ApplicationService.Draft(app.name(), app.throttlingPolicy(),
                app.description(), app.tokenType()), Map.of());
    }

    @PostMapping("/{applicationId}")
    String update(@PathVariable String applicationId, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String throttlingPolicy,
            @RequestParam(defaultValue = "") String description, Authentication user, Model model) {
        Actor actor = Actor.of(user);
        Application current = applications.getOwn(applicationId, actor);
        ApplicationService.Draft draft = new ApplicationService.Draft(name, throttlingPolicy, description,
                current.tokenType());
        try {
            applications.update(applicationId, draft, actor);
            return "redirect:/devportal/applications/" + applicationId + "?saved";
        } catch (ApiException refusal) {
            return applicationPage(model, actor, current, draft, FormErrors.of(refusal, FIELDS));
        }
    }

    @PostMapping("/{applicationId}/keys")
    String generateKeys(@PathVariable String applicationId, @RequestParam(defaultValue = "") String keyType,
            Authentication user, Model model, RedirectAttributes next) {
        Actor actor = Actor.of(user);
        try {
            KeyManagerService.GeneratedKeys keys = applications.generateKeys(applicationId, keyType, null, null, actor);
            next.addFlashAttribute("secret", new Secret(keys.mapping().keyMappingId(), keys.consumerSecret(), false));
            return "redirect:/devportal/applications/" + applicationId;
        } catch (ApiException refusal) {
            model.addAttribute("problem", refusal.getMessage());
            return application(applicationId, user, model);
        }
    }

    @PostMapping("/{applicationId}/keys/{keyMappingId}/regenerate-secret")
    String regenerateSecret(@PathVariable String applicationId, @PathVariable String keyMappingId,
            Authentication user, RedirectAttributes next) {
        KeyMapping mapping = applications.ownKeys(applicationId, keyMappingId, Actor.of(user));
        next.addFlashAttribute("secret", new Secret(keyMappingId, keyManager.regenerateSecret(mapping), true));
        return "redirect:/devportal/applications/" + applicationId;
    }

    @PostMapping("/{applicationId}/keys/{keyMappingId}/token")
    String generateToken(@PathVariable String applicationId, @PathVariable String keyMappingId,
            @RequestParam(defaultValue = "") String consumerSecret,
            @RequestParam(defaultValue = "") String validityPeriod, Authentication user, Model model,
            RedirectAttributes next) {
        Actor actor = Actor.of(user);
        KeyMapping mapping = applications.ownKeys(applicationId, keyMappingId, actor);
        try {
            KeyManagerService.IssuedToken token = keyManager.issueToken(mapping, consumerSecret, null,
                    validity(validityPeriod));
            next.addFlashAttribute("token", new Token(keyMappingId, token.accessToken(), token.validitySeconds()));
            return "redirect:/devportal/applications/" + applicationId;
        } catch (ApiException refusal) {
            model.addAttribute("tokenKeys", keyMappingId);
            model.addAttribute("validityPeriod", validityPeriod);
            model.addAttribute("tokenErrors", FormErrors.of(refusal, TOKEN_FIELDS));
            return application(applicationId, user, model);
        }
    }

    @PostMapping("/{applicationId}/keys/{keyMappingId}/delete")
    String deleteKeys(@PathVariable String applicationId, @PathVariable String keyMappingId, Authentication user) {
        keyManager.deleteKeys(applications.ownKeys(applicationId, keyMappingId, Actor.of(user)));
        return "redirect:/devportal/applications/" + applicationId + "?keysDeleted";
    }

    /** A consumer secret shown once: just generated with the keys, or regenerated (which revoked the old tokens). */
    record Secret(String keyMappingId, String value, boolean regenerated) {
    }

    /** An access token shown once. */
    record Token(String keyMappingId, String value, long validitySeconds) {
    }

    /** The token's validity in seconds as typed; blank takes the keys' default. */
    private static Duration validity(String seconds) {
        if (seconds.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("validityPeriod: \"" + seconds + "\" (expected: a number of seconds)");
        }
    }

    private String applicationPage(Model model, Actor actor, Application app, ApplicationService.Draft draft,
            Map<String, String> errors) {
        model.addAttribute("app", app);
        model.addAttribute("draft", draft);
        model.addAttribute("errors", errors);
        model.addAttribute("plans", policies.list(PolicyLevel.APPLICATION));
        model.addAttribute("opaqueTokenType", KeyManagerService.OPAQUE);
        model.addAttribute("keys", keyManager.keysOf(app.id()).stream()
                .map(mapping -> new Keys(mapping, keyManager.grantTypes(mapping))).toList());
        model.addAttribute("subscriptions", subscriptions.ofApplication(app.id(), actor).stream()
                .map(subscription -> new SubscriptionRow(subscription, apis.find(subscription.apiId()).orElse(null)))
                .toList());
        if (!model.containsAttribute("tokenErrors")) {
            model.addAttribute("tokenErrors", Map.of());
        }
        return "application/application";
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
