package dev.tollgate.server.subscription;

import java.util.List;

import dev.tollgate.server.api.Api;
import dev.tollgate.server.api.ApiService;
import dev.tollgate.server.application.Application;
import dev.tollgate.server.application.ApplicationService;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.PortalController;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The Developer Portal's Subscriptions page: which API each of the user's applications uses, and unsubscribing. */
@PortalController
@RequestMapping("/devportal/subscriptions")
class SubscriptionPageController {

    /** One subscription with the application and API names the page shows. */
    record Row(Subscription subscription, Application application, Api api) {
    }

    private final SubscriptionService subscriptions;
    private final ApplicationService applications;
    private final ApiService apis;

    SubscriptionPageController(SubscriptionService subscriptions, ApplicationService applications, ApiService apis) {
        this.subscriptions = subscriptions;
        this.applications = applications;
        this.apis = apis;
    }

    @GetMapping
    String list(Authentication user, Model model) {
        Actor actor = Actor.of(user);
        List<Row> rows = applications.listOwn(actor).stream()
                .flatMap(app -> subscriptions.ofApplication(app.id(), actor).stream()
                        .flatMap(subscription -> apis.find(subscription.apiId()).stream()
                                .map(api -> new Row(subscription, app, api))))
                .toList();
        model.addAttribute("rows", rows);
        return "subscription/list";
    }

    @PostMapping("/{subscriptionId}/delete")
    String unsubscribe(@PathVariable String subscriptionId, Authentication user) {
        subscriptions.unsubscribe(subscriptionId, Actor.of(user));
        return "redirect:/devportal/subscriptions?removed";
    }
}
