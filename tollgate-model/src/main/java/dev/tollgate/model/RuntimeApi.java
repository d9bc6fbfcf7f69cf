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
 * @param cors the origins whose pages may connect; {@link CorsConfiguration#DISABLED} lets every origin through
 */
public record RuntimeApi(
        String id,
        String name,
        String context,
        String version,
        LifecycleState state,
        Endpoint endpoint,
        List<String> plans,
        String apiPolicy,
        CorsConfiguration cors) {

    public RuntimeApi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endpoint, "endpoint");
        plans = List.copyOf(plans);
        Objects.requireNonNull(cors, "cors");
    }

    /** An API without an origin allow-list. */
    public RuntimeApi(String id, String name, String context, String version, LifecycleState state, Endpoint endpoint,
            List<String> plans, String apiPolicy) {
        this(id, name, context, version, state, endpoint, plans, apiPolicy, CorsConfiguration.DISABLED);
    }

    /** An API without an API-level plan. */
    public RuntimeApi(String id, String name, String context, String version, LifecycleState state, Endpoint endpoint,
            List<String> plans) {
        this(id, name, context, version, state, endpoint, plans, null, CorsConfiguration.DISABLED);
    }

    public Optional<String> apiPolicyName() {
        return Optional.ofNullable(apiPolicy);
    }

    public String versionKey() {
        return ApiVersion.key(version);
    }
}
