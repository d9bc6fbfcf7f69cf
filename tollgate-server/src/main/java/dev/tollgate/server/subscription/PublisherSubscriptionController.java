package dev.tollgate.server.subscription;

import java.util.List;
import java.util.Map;

import dev.tollgate.server.system.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Publisher REST API {@code /api/am/publisher/v4/subscriptions}: an API's subscribers, blocked and unblocked. */
@RestController
@RequestMapping("/api/am/publisher/v4/subscriptions")
class PublisherSubscriptionController {

    private final SubscriptionService subscriptions;

    PublisherSubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam String apiId, Authentication user) {
        List<Map<String, Object>> list = subscriptions.ofApiForPublisher(apiId, Actor.of(user)).stream()
                .map(SubscriptionController::toJson).toList();
        return Map.of("count", list.size(), "list", list);
    }

    @PostMapping("/block-subscription")
    Map<String, Object> block(@RequestParam String subscriptionId, @RequestParam String blockState,
            Authentication user) {
        return SubscriptionController.toJson(subscriptions.changeStatus(subscriptionId, blockState, Actor.of(user)));
    }

    @PostMapping("/unblock-subscription")
    Map<String, Object> unblock(@RequestParam String subscriptionId, Authentication user) {
        return SubscriptionController.toJson(subscriptions.changeStatus(subscriptionId, "UNBLOCKED", Actor.of(user)));
    }
}
