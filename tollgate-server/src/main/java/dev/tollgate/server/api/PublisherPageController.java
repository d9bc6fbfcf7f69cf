package dev.tollgate.server.api;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleAction;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.runtime.GatewayUrls;
import dev.tollgate.server.runtime.SampleBackend;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.system.FormErrors;
import dev.tollgate.server.system.PortalController;
import dev.tollgate.server.system.TollgateProperties;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Publisher portal's pages: the API list, "Design a New WebSocket API", and each API's Overview, Endpoint and
 * LIFECYCLE pages. Every change goes through {@link ApiService} and {@link LifecycleService}, which hold the rules.
 */
@PortalController
@RequestMapping("/publisher")
class PublisherPageController {

    /** The service's field names mapped to the design form's inputs. */
    private static final Map<String, String> DESIGN_FIELDS = Map.of(
            "name", "name", "context", "context", "version", "version", "description", "description",
            "endpointConfig.production_endpoints.url", "endpoint", "policies", "policies",
            "apiThrottlingPolicy", "apiPolicy");
    /** WSO2's endpoint advanced configuration keys, which the dialog's inputs are named after. */
    private static final List<String> ADVANCED_KEYS = List.of("actionSelect", "actionDuration", "suspendErrorCode",
            "suspendDuration", "suspendMaxDuration", "factor", "retryErroCode", "retryTimeOut", "retryDelay");
    private static final String CONFIG_PREFIX = "endpointConfig.production_endpoints.config.";

    private final ApiService apis;
    private final LifecycleService lifecycle;
    private final PolicyService policies;
    private final GatewayUrls urls;
    private final SampleBackend sampleBackend;
    private final TollgateProperties properties;

    PublisherPageController(ApiService apis, LifecycleService lifecycle, PolicyService policies, GatewayUrls urls,
            SampleBackend sampleBackend, TollgateProperties properties) {
        this.apis = apis;
        this.lifecycle = lifecycle;
        this.policies = policies;
        this.urls = urls;
        this.sampleBackend = sampleBackend;
        this.properties = properties;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("apis", apis.list());
        return "api/list";
    }

    @GetMapping("/apis/new")
    String designForm(Model model) {
        return design(model, ApiForm.empty(), null, Map.of());
    }

    @PostMapping("/apis")
    String create(@ModelAttribute ApiForm form, @RequestParam(defaultValue = "create") String action,
            Authentication user, Model model) {
        try {
            Actor actor = Actor.of(user);
            Api api = action.equals("create-publish")
                    ? lifecycle.createAndPublish(form.toNewDraft(), actor)
                    : apis.create(form.toNewDraft(), actor);
            return "redirect:/publisher/apis/" + api.id();
        } catch (ApiException refusal) {
            return design(model, form, null, FormErrors.of(refusal, DESIGN_FIELDS));
        }
    }

    @GetMapping("/apis/{apiId}")
    String overview(@PathVariable String apiId, Model model) {
        return apiPage(model, apis.get(apiId), "overview");
    }

    @GetMapping("/apis/{apiId}/edit")
    String editForm(@PathVariable String apiId, Model model) {
        Api api = apis.get(apiId);
        return design(model, ApiForm.of(api), api, Map.of());
    }

    @PostMapping("/apis/{apiId}")
    String update(@PathVariable String apiId, @ModelAttribute ApiForm form, Authentication user, Model model) {
        Api current = apis.get(apiId);
        try {
            apis.update(apiId, form.toDraft(current, current.endpointSettings()), Actor.of(user));
            return "redirect:/publisher/apis/" + apiId;
        } catch (ApiException refusal) {
            return design(model, form, current, FormErrors.of(refusal, DESIGN_FIELDS));
        }
    }

    @PostMapping("/apis/{apiId}/delete")
    String delete(@PathVariable String apiId, Authentication user, Model model) {
        Api api = apis.get(apiId);
        try {
            apis.delete(apiId, Actor.of(user));
            return "redirect:/publisher?deleted";
        } catch (ApiException refusal) {
            model.addAttribute("problem", refusal.getMessage());
            return apiPage(model, api, "overview");
        }
    }

    @GetMapping("/apis/{apiId}/endpoint")
    String endpoint(@PathVariable String apiId, Model model) {
        return endpointPage(model, apis.get(apiId), Map.of(), null);
    }

    @PostMapping("/apis/{apiId}/endpoint")
    String saveEndpoint(@PathVariable String apiId, @RequestParam(defaultValue = "") String endpoint,
            Authentication user, Model model) {
        Api api = apis.get(apiId);
        ApiForm form = ApiForm.of(api);
        ApiForm changed = new ApiForm(form.name(), form.context(), form.version(), form.description(), endpoint,
                form.policies(), form.apiPolicy());
        try {
            apis.update(apiId, changed.toDraft(api, api.endpointSettings()), Actor.of(user));
            return "redirect:/publisher/apis/" + apiId + "/endpoint?saved";
        } catch (ApiException refusal) {
            model.addAttribute("endpointValue", endpoint);
            return endpointPage(model, api, FormErrors.of(refusal, DESIGN_FIELDS), null);
        }
    }

    @PostMapping("/apis/{apiId}/endpoint/advanced")
    String saveAdvanced(@PathVariable String apiId, @RequestParam Map<String, String> submitted, Authentication user,
            Model model) {
        Api api = apis.get(apiId);
        Map<String, String> config = new LinkedHashMap<>();
        ADVANCED_KEYS.forEach(key -> config.put(key, submitted.getOrDefault(key, "")));
        try {
            EndpointSettings settings = EndpointSettingsCodec.fromConfig(config);
            apis.update(apiId, ApiForm.of(api).toDraft(api, settings), Actor.of(user));
            return "redirect:/publisher/apis/" + apiId + "/endpoint?advancedSaved";
        } catch (ApiException refusal) {
            Map<String, String> fields = new LinkedHashMap<>();
            ADVANCED_KEYS.forEach(key -> fields.put(CONFIG_PREFIX + key, key));
            return endpointPage(model, api, FormErrors.of(refusal, fields), config);
        }
    }

    @GetMapping("/apis/{apiId}/lifecycle")
    String lifecyclePage(@PathVariable String apiId, Model model) {
        Api api = apis.get(apiId);
        model.addAttribute("history", lifecycle.history(apiId).stream().map(HistoryRow::of).toList());
        return apiPage(model, api, "lifecycle");
    }

    @PostMapping("/apis/{apiId}/lifecycle")
    String changeLifecycle(@PathVariable String apiId, @RequestParam String action, Authentication user,
            Model model) {
        try {
            lifecycle.change(apiId, action, Actor.of(user));
            return "redirect:/publisher/apis/" + apiId + "/lifecycle";
        } catch (ApiException refusal) {
            model.addAttribute("problem", refusal.getMessage());
            return lifecyclePage(apiId, model);
        }
    }

    private String design(Model model, ApiForm form, Api editing, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        model.addAttribute("plans", policies.list(PolicyLevel.SUBSCRIPTION));
        model.addAttribute("apiPlans", policies.list(PolicyLevel.API));
        model.addAttribute("echoUrl", echoUrl());
        return "api/design";
    }

    private String apiPage(Model model, Api api, String tab) {
        model.addAttribute("api", api);
        model.addAttribute("tab", tab);
        model.addAttribute("wsUrl", urls.ws(api.gatewayPath()));
        model.addAttribute("wssUrl", urls.wss(api.gatewayPath()));
        model.addAttribute("actions", api.state().allowedActions().stream()
                .map(action -> new Transition(action, api.state().after(action).orElseThrow().displayName()))
                .toList());
        return "api/" + tab;
    }

    private String endpointPage(Model model, Api api, Map<String, String> errors, Map<String, String> advanced) {
        model.addAttribute("errors", errors);
        model.addAttribute("echoUrl", echoUrl());
        model.addAttribute("advancedOpen", advanced != null);
        Map<String, String> shown = new LinkedHashMap<>();
        if (advanced != null) {
            shown.putAll(advanced);
        } else {
            EndpointSettingsCodec.toConfig(api.endpointSettings()).forEach((key, value) -> shown.put(key,
                    value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                            : String.valueOf(value)));
        }
        model.addAttribute("advanced", shown);
        if (!model.containsAttribute("endpointValue")) {
            model.addAttribute("endpointValue", api.endpointUrl().orElse(""));
        }
        return apiPage(model, api, "endpoint");
    }

    /**
     * The bundled echo backend, which the server prints at start-up, so that the tutorial works offline; before it
     * runs (or when it is disabled) the configured port.
     */
    private String echoUrl() {
        return sampleBackend.wsUrl().orElseGet(() ->
                "ws://" + properties.publicHost() + ":" + properties.echo().wsPort() + "/echo");
    }

    /** One row of the lifecycle history as the page shows it. */
    record HistoryRow(String at, String from, String to, String action, String user) {

        private static final DateTimeFormatter WHEN =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

        static HistoryRow of(LifecycleHistoryRepository.Entry entry) {
            return new HistoryRow(WHEN.format(entry.at()),
                    entry.previousState() == null ? "—" : entry.previousState().displayName(),
                    entry.postState().displayName(), entry.action() == null ? "Create" : entry.action(), entry.user());
        }
    }

    /** A lifecycle button: the action, shown in capitals as the tutorial writes it, and where it leads. */
    record Transition(LifecycleAction action, String targetState) {

        public String label() {
            return action.displayName().toUpperCase(Locale.ROOT);
        }

        public String value() {
            return action.displayName();
        }
    }
}
