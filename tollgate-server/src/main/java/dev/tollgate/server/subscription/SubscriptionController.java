package dev.tollgate.server.subscription;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Developer Portal REST API {@code /api/am/devportal/v3/subscriptions}, in WSO2's shape. */
@RestController
@RequestMapping("/api/am/devportal/v3/subscriptions")
class SubscriptionController {

    record SubscriptionRequest(String applicationId, String apiId, String throttlingPolicy) {
    }

    private final SubscriptionService subscriptions;

    SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String applicationId,
            @RequestParam(required = false) String apiId, Authentication user) {
        Actor actor = Actor.of(user);
        List<Subscription> found;
        if (applicationId != null) {
            found = subscriptions.ofApplication(applicationId, actor);
        } else if (apiId != null) {
            found = subscriptions.ofApi(apiId, actor);
        } else {
            throw ApiException.badRequest("Query parameter applicationId or apiId is required");
        }
        List<Map<String, Object>> list = found.stream().map(SubscriptionController::toJson).toList();
        return Map.of("count", list.size(), "list", list);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody SubscriptionRequest request, Authentication user) {
        Subscription subscription = subscriptions.subscribe(request.applicationId(), request.apiId(),
                request.throttlingPolicy(), Actor.of(user));
        return ResponseEntity.created(URI.create("/api/am/devportal/v3/subscriptions/" + subscription.id()))
                .body(toJson(subscription));
    }

    @GetMapping("/{subscriptionId}")
    Map<String, Object> get(@PathVariable String subscriptionId, Authentication user) {
        return toJson(subscriptions.getOwn(subscriptionId, Actor.of(user)));
    }

    @DeleteMapping("/{subscriptionId}")
    ResponseEntity<Void> delete(@PathVariable String subscriptionId, Authentication user) {
        subscriptions.unsubscribe(subscriptionId, Actor.of(user));
        return ResponseEntity.ok().build();
    }

    static Map<String, Object> toJson(Subscription subscription) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subscriptionId", subscription.id());
        json.put("applicationId", subscription.applicationId());
        json.put("apiId", subscription.apiId());
        json.put("throttlingPolicy", subscription.throttlingPolicy());
        json.put("requestedThrottlingPolicy", subscription.throttlingPolicy());
        json.put("status", subscription.status().name());
        json.put("createdTime", subscription.createdAt().toString());
        return json;
    }
}
