package dev.tollgate.model;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything a gateway needs to answer a handshake, frozen at one revision of the control plane's state.
 *
 * <p>The gateway swaps whole snapshots atomically; nothing in here ever changes after construction.
 *
 * @param revision grows with every change, so a gateway can tell a newer snapshot from an older one
 * @param policies the subscription plans by name
 * @param applicationPolicies the application plans by name; a separate namespace, since WSO2 has an
 *        {@code Unlimited} at both levels
 * @param apiPolicies the API-level plans by name, referred to by {@link RuntimeApi#apiPolicy()}
 * @param revokedTokenIds the {@code jti} of every revoked access token that has not expired yet
 */
public record RuntimeSnapshot(
        long revision,
        TokenTrust tokenTrust,
        Map<String, RuntimeApi> apis,
        Map<String, RuntimeApplication> applications,
        Map<String, KeyMapping> keyMappings,
        Map<SubscriptionKey, RuntimeSubscription> subscriptions,
        Map<String, ThrottlePolicy> policies,
        Map<String, ThrottlePolicy> applicationPolicies,
        Map<String, ThrottlePolicy> apiPolicies,
        Set<String> revokedTokenIds) {

    public RuntimeSnapshot {
        Objects.requireNonNull(tokenTrust, "tokenTrust");
        apis = Map.copyOf(apis);
        applications = Map.copyOf(applications);
        keyMappings = Map.copyOf(keyMappings);
        subscriptions = Map.copyOf(subscriptions);
        policies = Map.copyOf(policies);
        applicationPolicies = Map.copyOf(applicationPolicies);
        apiPolicies = Map.copyOf(apiPolicies);
        revokedTokenIds = Set.copyOf(revokedTokenIds);
    }

    /** An empty snapshot: no API is routed, every token is refused. */
    public static RuntimeSnapshot empty(TokenTrust trust) {
        return new RuntimeSnapshot(0, trust, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Set.of());
    }

    /** Builds a snapshot with subscription plans only (no application or API-level plans). */
    public static RuntimeSnapshot of(
            long revision,
            TokenTrust trust,
            Collection<RuntimeApi> apis,
            Collection<RuntimeApplication> applications,
            Collection<KeyMapping> keyMappings,
            Collection<RuntimeSubscription> subscriptions,
            Collection<ThrottlePolicy> policies,
            Collection<String> revokedTokenIds) {
        return of(revision, trust, apis, applications, keyMappings, subscriptions, policies, List.of(), List.of(),
                revokedTokenIds);
    }

    /** Builds a snapshot from lists, indexing each by its natural key. */
    public static RuntimeSnapshot of(
            long revision,
            TokenTrust trust,
            Collection<RuntimeApi> apis,
            Collection<RuntimeApplication> applications,
            Collection<KeyMapping> keyMappings,
            Collection<RuntimeSubscription> subscriptions,
            Collection<ThrottlePolicy> policies,
            Collection<ThrottlePolicy> applicationPolicies,
            Collection<ThrottlePolicy> apiPolicies,
            Collection<String> revokedTokenIds) {
        Map<SubscriptionKey, RuntimeSubscription> subscriptionIndex = new HashMap<>();
        for (RuntimeSubscription subscription : subscriptions) {
            subscriptionIndex.put(new SubscriptionKey(subscription.applicationId(), subscription.apiId()),
                    subscription);
        }
        return new RuntimeSnapshot(
                revision,
                trust,
                index(apis, RuntimeApi::id),
                index(applications, RuntimeApplication::id),
                index(keyMappings, KeyMapping::consumerKey),
                subscriptionIndex,
                index(policies, ThrottlePolicy::name),
                index(applicationPolicies, ThrottlePolicy::name),
                index(apiPolicies, ThrottlePolicy::name),
                Set.copyOf(revokedTokenIds));
    }

    public Optional<KeyMapping> keyMapping(String consumerKey) {
        return Optional.ofNullable(keyMappings.get(consumerKey));
    }

    public Optional<RuntimeApplication> application(String applicationId) {
        return Optional.ofNullable(applications.get(applicationId));
    }

    public Optional<RuntimeSubscription> subscription(String applicationId, String apiId) {
        return Optional.ofNullable(subscriptions.get(new SubscriptionKey(applicationId, apiId)));
    }

    /** A subscription plan by name. */
    public Optional<ThrottlePolicy> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    public Optional<ThrottlePolicy> applicationPolicy(String name) {
        return Optional.ofNullable(applicationPolicies.get(name));
    }

    public Optional<ThrottlePolicy> apiPolicy(String name) {
        return Optional.ofNullable(apiPolicies.get(name));
    }

    public List<RuntimeApi> apiList() {
        return List.copyOf(apis.values());
    }

    /**
     * What {@link #subscriptions} are found by: a pair rather than the two ids joined in a string, which each handshake
     * would build anew (and hash) to look its subscription up.
     */
    public record SubscriptionKey(String applicationId, String apiId) {
    }

    private static <T> Map<String, T> index(Collection<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
