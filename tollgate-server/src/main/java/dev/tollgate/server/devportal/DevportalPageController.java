package dev.tollgate.server.devportal;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.tollgate.server.api.Api;
import dev.tollgate.server.application.Application;
import dev.tollgate.server.application.ApplicationService;
import dev.tollgate.server.keymanager.KeyManagerService;
import dev.tollgate.server.keymanager.KeyMapping;
import dev.tollgate.server.policy.Policy;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.runtime.GatewayUrls;
import dev.tollgate.server.subscription.SubscriptionService;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.system.PortalController;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Developer Portal's catalogue and API pages, with the KEY GENERATION WIZARD (application, subscription, keys,
 * token through the same services as the REST API) and the Try out console, which runs in the browser.
 */
@PortalController
@RequestMapping("/devportal")
class DevportalPageController {

    /** Where sign-in may send the user back to: Developer Portal pages only, never another site. */
    private static final Pattern RETURN_PATH = Pattern.compile("/devportal(/[A-Za-z0-9/_-]*)?");
    private static final String TOKEN_PLACEHOLDER = "[accesstoken]";

    /** A ready-to-copy wscat command; {@code text} has {@code [accesstoken]} where the token goes. */
    record Command(String id, String label, String text) {
    }

    private final CatalogService catalog;
    private final ApplicationService applications;
    private final SubscriptionService subscriptions;
    private final KeyManagerService keyManager;
    private final PolicyService policies;
    private final GatewayUrls urls;

    DevportalPageController(CatalogService catalog, ApplicationService applications,
            SubscriptionService subscriptions, KeyManagerService keyManager, PolicyService policies,
            GatewayUrls urls) {
        this.catalog = catalog;
        this.applications = applications;
        this.subscriptions = subscriptions;
        this.keyManager = keyManager;
        this.policies = policies;
        this.urls = urls;
    }

    @GetMapping({"", "/"})
    String catalogue(@RequestParam(required = false) String query, Model model) {
        model.addAttribute("query", query == null ? "" : query);
        model.addAttribute("apis", catalog.search(query));
        return "devportal/catalog";
    }

    /** Asks for sign-in (this page needs it) and then returns to the Developer Portal page the user came from. */
    @GetMapping("/signin")
    String signIn(@RequestParam(name = "return", required = false) String returnTo) {
        return "redirect:" + (returnTo != null && RETURN_PATH.matcher(returnTo).matches() ? returnTo : "/devportal");
    }

    @GetMapping("/apis/{apiId}")
    String api(@PathVariable String apiId, Model model) {
        return page(model, catalog.get(apiId), Wizard.start(), false);
    }

    @PostMapping("/apis/{apiId}/wizard/application")
    String wizardApplication(@PathVariable String apiId, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String throttlingPolicy, @RequestParam(defaultValue = "") String tokenType,
            Authentication user, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Api api = catalog.get(apiId);
        return step(model, api, Wizard.start(), htmx != null, () -> {
            Application app = applications.create(
                    new ApplicationService.Draft(name, throttlingPolicy, null, tokenType), Actor.of(user));
            return Wizard.subscribe(app.id(), app.name());
        });
    }

    @PostMapping("/apis/{apiId}/wizard/subscription")
    String wizardSubscription(@PathVariable String apiId, @RequestParam String applicationId,
            @RequestParam(defaultValue = "") String plan, Authentication user,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Api api = catalog.get(apiId);
        Actor actor = Actor.of(user);
        Application app = applications.getOwn(applicationId, actor);
        Wizard current = Wizard.subscribe(app.id(), app.name());
        return step(model, api, current, htmx != null, () -> {
            subscriptions.subscribe(app.id(), api.id(), plan, actor);
            return current.generateKeys(plan);
        });
    }

    @PostMapping("/apis/{apiId}/wizard/keys")
    String wizardKeys(@PathVariable String apiId, @RequestParam String applicationId,
            @RequestParam(defaultValue = "") String plan, Authentication user,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Api api = catalog.get(apiId);
        Actor actor = Actor.of(user);
        Application app = applications.getOwn(applicationId, actor);
        Wizard current = Wizard.subscribe(app.id(), app.name()).generateKeys(plan);
        return step(model, api, current, htmx != null, () -> {
            KeyManagerService.GeneratedKeys keys = applications.generateKeys(app.id(), "PRODUCTION", null, null,
                    actor);
            return current.generateToken(keys.mapping().keyMappingId(), keys.mapping().consumerKey(),
                    keys.consumerSecret());
        });
    }

    @PostMapping("/apis/{apiId}/wizard/token")
    String wizardToken(@PathVariable String apiId, @RequestParam String applicationId,
            @RequestParam(defaultValue = "") String plan, @RequestParam String keyMappingId,
            @RequestParam(defaultValue = "") String consumerSecret, Authentication user,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Api api = catalog.get(apiId);
        Actor actor = Actor.of(user);
        Application app = applications.getOwn(applicationId, actor);
        KeyMapping keys = applications.ownKeys(app.id(), keyMappingId, actor);
        Wizard current = Wizard.subscribe(app.id(), app.name()).generateKeys(plan)
                .generateToken(keys.keyMappingId(), keys.consumerKey(), consumerSecret);
        return step(model, api, current, htmx != null, () -> {
            KeyManagerService.IssuedToken token = keyManager.issueToken(keys, consumerSecret, null, null);
            return current.done(token.accessToken(), token.validitySeconds());
        });
    }

    /** Runs one wizard step; a refusal keeps the wizard on that step with the service's description. */
    private String step(Model model, Api api, Wizard current, boolean htmx, Supplier<Wizard> action) {
        Wizard next;
        try {
            next = action.get();
        } catch (ApiException refusal) {
            next = current.refused(refusal.getMessage());
        }
        return page(model, api, next, htmx);
    }

    private String page(Model model, Api api, Wizard wizard, boolean fragmentOnly) {
        String ws = urls.ws(api.gatewayPath());
        String wss = urls.wss(api.gatewayPath());
        List<Policy> plans = api.policies().stream()
                .flatMap(name -> policies.findByName(PolicyLevel.SUBSCRIPTION, name).stream())
                .toList();
        model.addAttribute("api", api);
        model.addAttribute("plans", plans);
        model.addAttribute("applicationPlans", policies.list(PolicyLevel.APPLICATION));
        model.addAttribute("defaultApplicationPlan", ApplicationService.DEFAULT_POLICY);
        model.addAttribute("opaqueTokenType", KeyManagerService.OPAQUE);
        model.addAttribute("wsUrl", ws);
        model.addAttribute("wssUrl", wss);
        model.addAttribute("commands", List.of(
                new Command("wscat-ws-header", "ws, token in the Authorization header",
                        "wscat -c " + ws + " -H \"Authorization: Bearer " + TOKEN_PLACEHOLDER + "\""),
                new Command("wscat-wss-header", "wss, token in the Authorization header",
                        "wscat -n -c " + wss + " -H \"Authorization: Bearer " + TOKEN_PLACEHOLDER + "\""),
                new Command("wscat-ws-query", "ws, token as the access_token query parameter",
                        "wscat -c \"" + ws + "?access_token=" + TOKEN_PLACEHOLDER + "\""),
                new Command("wscat-wss-query", "wss, token as the access_token query parameter",
                        "wscat -n -c \"" + wss + "?access_token=" + TOKEN_PLACEHOLDER + "\"")));
        model.addAttribute("wizard", wizard);
        return fragmentOnly ? "devportal/api :: wizard" : "devportal/api";
    }
}
