package dev.tollgate.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WebSocket API as the gateway sees it.
 *
 * @param context the path prefix, starting with {@code /} and without the version ({@code /echowebsocket})
 * @param version the version as the publisher wrote it; routing compares {@link ApiVersion#key(String)}
 * @param plans the subscription plans (business plans) the API offers
 * @param apiPolicy the name of the API-level plan (WSO2's {@code apiThrottlingPolicy}) in
 *        {@link RuntimeSnapshot#apiPolicies()}, shared by all the API's connections; {@code null} for none
 */
public record RuntimeApi(
        String id,
        String name,
        String context,
        String version,
        LifecycleState state,
        Endpoint endpoint,
        List<String> plans,
        String apiPolicy) {

    public RuntimeApi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endpoint, "endpoint");
        plans = List.copyOf(plans);
    }

    /** An API without an API-level plan. */
    public RuntimeApi(String id, String name, String context, String version, LifecycleState state, Endpoint endpoint,
            List<String> plans) {
        this(id, name, context, version, state, endpoint, plans, null);
    }

    public Optional<String> apiPolicyName() {
        return Optional.ofNullable(apiPolicy);
    }

    public String versionKey() {
        return ApiVersion.key(version);
    }
}
