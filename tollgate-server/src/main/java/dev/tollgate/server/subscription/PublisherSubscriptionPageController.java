package dev.tollgate.server.subscription;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.tollgate.server.api.Api;
import dev.tollgate.server.api.ApiService;
import dev.tollgate.server.application.Application;
import dev.tollgate.server.application.ApplicationService;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.system.PortalController;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Publisher portal's SUBSCRIPTIONS tab of an API: every application subscribed to it, blocked and unblocked
 * through {@link SubscriptionService}; the gateways close the connections a block no longer allows.
 */
@PortalController
@RequestMapping("/publisher/apis/{apiId}/subscriptions")
class PublisherSubscriptionPageController {

    /** One subscriber as the page shows it; the application is null if it vanished meanwhile. */
    record Row(Subscription subscription, Application application) {

        public String label() {
            return switch (subscription.status()) {
                case UNBLOCKED -> "Active";
                case BLOCKED -> "Blocked";
                case PROD_ONLY_BLOCKED -> "Production blocked";
                case ON_HOLD -> "On hold";
                case REJECTED -> "Rejected";
            };
        }
    }

    private final SubscriptionService subscriptions;
    private final ApplicationService applications;
    private final ApiService apis;

    PublisherSubscriptionPageController(SubscriptionService subscriptions, ApplicationService applications,
            ApiService apis) {
        this.subscriptions = subscriptions;
        this.applications = applications;
        this.apis = apis;
    }

    @GetMapping
    String list(@PathVariable String apiId, Authentication user, Model model) {
        Api api = apis.get(apiId);
        List<Subscription> found = subscriptions.ofApiForPublisher(api.id(), Actor.of(user));
        Map<String, Application> byId = applications.all().stream()
                .collect(Collectors.toMap(Application::id, Function.identity()));
        model.addAttribute("api", api);
        model.addAttribute("tab", "subscriptions");
        model.addAttribute("rows", found.stream()
                .map(subscription -> new Row(subscription, byId.get(subscription.applicationId()))).toList());
        return "subscription/publisher";
    }

    @PostMapping("/{subscriptionId}")
    String changeStatus(@PathVariable String apiId, @PathVariable String subscriptionId, @RequestParam String status,
            Authentication user, Model model) {
        try {
            Subscription changed = subscriptions.changeStatus(subscriptionId, status, Actor.of(user));
            return "redirect:/publisher/apis/" + apiId + "/subscriptions?changed=" + changed.status();
        } catch (ApiException refusal) {
            model.addAttribute("problem", refusal.getMessage());
            return list(apiId, user, model);
        }
    }
}
