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
 * @param maxFrameSize the largest frame payload a client may send, in bytes; 0 for the gateway's default
 * @param maxMessageSize the largest message (all frames of a fragmented message) either leg may send, in bytes; 0
 *        for the gateway's default
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
        CorsConfiguration cors,
        int maxFrameSize,
        int maxMessageSize) {

    /** The value of {@link #maxFrameSize} and {@link #maxMessageSize} that leaves the gateway's default in force. */
    public static final int GATEWAY_DEFAULT = 0;

    public RuntimeApi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endpoint, "endpoint");
        plans = List.copyOf(plans);
        Objects.requireNonNull(cors, "cors");
        if (maxFrameSize < 0) {
            throw new IllegalArgumentException("maxFrameSize: " + maxFrameSize + " (expected: 0 or more)");
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: 0 or more)");
        }
    }

    /** An API with the gateway's frame and message limits. */
    public RuntimeApi(String id, String name, String context, String version, LifecycleState state, Endpoint endpoint,
            List<String> plans, String apiPolicy, CorsConfiguration cors) {
        this(id, name, context, version, state, endpoint, plans, apiPolicy, cors, GATEWAY_DEFAULT, GATEWAY_DEFAULT);
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

    /** The frame limit for this API's clients: its own when set and below {@code gatewayLimit}, else the gateway's. */
    public int frameLimit(int gatewayLimit) {
        return maxFrameSize == GATEWAY_DEFAULT ? gatewayLimit : Math.min(maxFrameSize, gatewayLimit);
    }

    /** The message limit for this API's legs: its own when set and below {@code gatewayLimit}, else the gateway's. */
    public int messageLimit(int gatewayLimit) {
        return maxMessageSize == GATEWAY_DEFAULT ? gatewayLimit : Math.min(maxMessageSize, gatewayLimit);
    }

    public Optional<String> apiPolicyName() {
        return Optional.ofNullable(apiPolicy);
    }

    public String versionKey() {
        return ApiVersion.key(version);
    }
}
