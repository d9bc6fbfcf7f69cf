package dev.tollgate.gateway;

import dev.tollgate.model.Endpoint;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.KeyMapping;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeApi;
import dev.tollgate.model.RuntimeApplication;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.RuntimeSubscription;
import dev.tollgate.model.SubscriptionStatus;
import dev.tollgate.model.ThrottlePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The control plane's state for a test, as a mutable builder of snapshots: one application ({@link #APP}) with the
 * consumer key {@link #CLIENT}, and whatever APIs, subscriptions and revocations a test adds.
 */
final class TestWorld {

    static final String APP = "app-1";
    static final String CLIENT = "client-1";

    final List<RuntimeApi> apis = new ArrayList<>();
    final List<RuntimeSubscription> subscriptions = new ArrayList<>();
    final Set<String> revoked = new HashSet<>();
    final List<ThrottlePolicy> policies = new ArrayList<>();
    final List<ThrottlePolicy> applicationPolicies = new ArrayList<>();
    final List<ThrottlePolicy> apiPolicies = new ArrayList<>();
    volatile String applicationPlan = "Unlimited";
    final List<KeyMapping> keys = new ArrayList<>(List.of(new KeyMapping(CLIENT, APP, "PRODUCTION")));
    private final TestTokens tokens;
    private long revision;

    TestWorld(TestTokens tokens) {
        this.tokens = tokens;
    }

    static RuntimeApi api(String id, String context, String version, LifecycleState state, URI backend) {
        return api(id, context, version, state, backend, EndpointSettings.DEFAULTS);
    }

    static RuntimeApi api(String id, String context, String version, LifecycleState state, URI backend,
            EndpointSettings settings) {
        return new RuntimeApi(id, "Api-" + id, context, version, state, new Endpoint(backend, settings),
                List.of("Unlimited"));
    }

    static EndpointSettings connectTimeout(Duration timeout) {
        EndpointSettings d = EndpointSettings.DEFAULTS;
        return new EndpointSettings(timeout, d.timeoutAction(), d.suspendErrorCodes(), d.suspendInitialDuration(),
                d.suspendMaxDuration(), d.suspendFactor(), d.timeoutErrorCodes(), d.retriesBeforeSuspension(),
                d.retryDelay());
    }

    /** Adds the API and subscribes the test application to it. */
    TestWorld subscribed(RuntimeApi api) {
        return subscribed(api, "Unlimited");
    }

    /** Adds the API and subscribes the test application to it under {@code plan}. */
    TestWorld subscribed(RuntimeApi api, String plan) {
        apis.add(api);
        subscriptions.add(new RuntimeSubscription("sub-" + api.id(), APP, api.id(), plan,
                SubscriptionStatus.UNBLOCKED));
        return this;
    }

    /** Adds a subscription plan, replacing the one with the same name. */
    TestWorld plan(ThrottlePolicy policy) {
        policies.removeIf(existing -> existing.name().equals(policy.name()));
        policies.add(policy);
        return this;
    }

    /** Replaces the API with the same id. */
    TestWorld replace(RuntimeApi api) {
        apis.removeIf(existing -> existing.id().equals(api.id()));
        apis.add(api);
        return this;
    }

    TestWorld subscriptionStatus(String apiId, SubscriptionStatus status) {
        subscriptions.replaceAll(sub -> sub.apiId().equals(apiId)
                ? new RuntimeSubscription(sub.id(), sub.applicationId(), sub.apiId(), sub.plan(), status) : sub);
        return this;
    }

    /** The next revision of the world. */
    synchronized RuntimeSnapshot snapshot() {
        revision++;
        return RuntimeSnapshot.of(revision, tokens.trust(), apis,
                List.of(new RuntimeApplication(APP, "DefaultApplication", "alice", applicationPlan)),
                keys, subscriptions, policies, applicationPolicies, apiPolicies, revoked);
    }
}
