package dev.tollgate.server.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.SubscriptionStatus;
import dev.tollgate.server.api.Api;
import dev.tollgate.server.api.ApiService;
import dev.tollgate.server.application.Application;
import dev.tollgate.server.application.ApplicationService;
import dev.tollgate.server.runtime.StateChanged;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.user.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Owns subscriptions: only to published APIs, only under a plan the API offers, only for one's own application. */
@Service
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final ApplicationService applications;
    private final ApiService apis;
    private final ApplicationEventPublisher events;

    SubscriptionService(SubscriptionRepository subscriptions, ApplicationService applications, ApiService apis,
            ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.applications = applications;
        this.apis = apis;
        this.events = events;
    }

    public List<Subscription> all() {
        return subscriptions.findAll();
    }

    public List<Subscription> ofApplication(String applicationId, Actor actor) {
        return subscriptions.findByApplication(applications.getOwn(applicationId, actor).id());
    }

    /** The actor's subscriptions to one API, across their applications. */
    public List<Subscription> ofApi(String apiId, Actor actor) {
        List<String> own = applications.listOwn(actor).stream().map(Application::id).toList();
        return subscriptions.findByApi(apiId).stream().filter(s -> own.contains(s.applicationId())).toList();
    }

    public Subscription getOwn(String subscriptionId, Actor actor) {
        Subscription subscription = subscriptions.findById(subscriptionId)
                .orElseThrow(() -> ApiException.notFound("No subscription with id " + subscriptionId));
        applications.getOwn(subscription.applicationId(), actor);
        return subscription;
    }

    @Transactional
    public Subscription subscribe(String applicationId, String apiId, String plan, Actor actor) {
        if (applicationId == null || applicationId.isBlank()) {
            throw ApiException.badRequest("applicationId: (expected: the id of one of your applications)");
        }
        if (apiId == null || apiId.isBlank()) {
            throw ApiException.badRequest("apiId: (expected: the id of a published API)");
        }
        Application app = applications.getOwn(applicationId, actor);
        Api api = apis.find(apiId).filter(found -> found.state().isVisibleInDevPortal())
                .orElseThrow(() -> ApiException.notFound("No published API with id " + apiId));
        if (api.state() != LifecycleState.PUBLISHED) {
            throw ApiException.conflict("API " + api.name() + " is " + api.state().displayName()
                    + " and takes no new subscriptions");
        }
        String policy = plan == null ? "" : plan.strip();
        if (!api.policies().contains(policy)) {
            throw ApiException.badRequest("throttlingPolicy: \"" + policy + "\" (expected one of the API's plans: "
                    + String.join(", ", api.policies()) + ")");
        }
        if (subscriptions.find(app.id(), api.id()).isPresent()) {
            throw ApiException.conflict("Application " + app.name() + " is already subscribed to " + api.name()
                    + " " + api.version());
        }
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), app.id(), api.id(), policy,
                SubscriptionStatus.UNBLOCKED, Instant.now());
        subscriptions.insert(subscription);
        events.publishEvent(new StateChanged("subscription " + subscription.id() + " created"));
        return subscription;
    }

    /** A publisher's view: every subscription to an API, whoever owns the application. */
    public List<Subscription> ofApiForPublisher(String apiId, Actor actor) {
        actor.require("view the subscriptions of APIs", Role.PUBLISHER);
        return subscriptions.findByApi(apis.get(apiId).id());
    }

    /**
     * A publisher blocks a subscription ({@code BLOCKED}: no traffic at all, {@code PROD_ONLY_BLOCKED}: production
     * keys refused) or unblocks it ({@code UNBLOCKED}); gateways close the connections it no longer allows.
     */
    @Transactional
    public Subscription changeStatus(String subscriptionId, String statusText, Actor actor) {
        actor.require("block or unblock subscriptions", Role.PUBLISHER);
        Subscription current = subscriptions.findById(subscriptionId)
                .orElseThrow(() -> ApiException.notFound("No subscription with id " + subscriptionId));
        SubscriptionStatus status;
        try {
            status = SubscriptionStatus.valueOf(statusText == null ? "" : statusText.strip());
        } catch (IllegalArgumentException e) {
            status = null;
        }
        if (status != SubscriptionStatus.BLOCKED && status != SubscriptionStatus.PROD_ONLY_BLOCKED
                && status != SubscriptionStatus.UNBLOCKED) {
            throw ApiException.badRequest("blockState: \"" + statusText
                    + "\" (expected: BLOCKED, PROD_ONLY_BLOCKED or UNBLOCKED)");
        }
        Subscription changed = new Subscription(current.id(), current.applicationId(), current.apiId(),
                current.throttlingPolicy(), status, current.createdAt());
        subscriptions.update(changed);
        events.publishEvent(new StateChanged("subscription " + subscriptionId + " is now " + status));
        return changed;
    }

    @Transactional
    public void unsubscribe(String subscriptionId, Actor actor) {
        Subscription subscription = getOwn(subscriptionId, actor);
        subscriptions.delete(subscription.id());
        events.publishEvent(new StateChanged("subscription " + subscriptionId + " removed"));
    }
}
