package dev.tollgate.server.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.tollgate.model.ApiVersion;
import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.Endpoint;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeApi;

/**
 * A stored WebSocket API.
 *
 * @param endpointUrl the backend {@code ws://} or {@code wss://} URL; empty until the publisher gives one
 * @param policies the business plans offered to subscribers, in the publisher's order
 * @param apiPolicy the API-level plan shared by all subscribers (WSO2's {@code apiThrottlingPolicy}), or null
 * @param cors the origins whose pages may open handshakes (WSO2's {@code corsConfiguration})
 * @param maxFrameSize the largest frame payload a client may send, in bytes, or null for the gateway's default
 * @param maxMessageSize the largest message either leg may send, in bytes, or null for the gateway's default
 */
public record Api(
        String id,
        String name,
        String context,
        String version,
        String description,
        String provider,
        LifecycleState state,
        Optional<String> endpointUrl,
        EndpointSettings endpointSettings,
        List<String> policies,
        String apiPolicy,
        CorsConfiguration cors,
        Integer maxFrameSize,
        Integer maxMessageSize,
        Instant createdAt,
        Instant updatedAt) {

    public Api {
        policies = List.copyOf(policies);
        cors = cors == null ? CorsConfiguration.DISABLED : cors;
    }

    public String versionKey() {
        return ApiVersion.key(version);
    }

    /** The gateway path of this API: {@code /echowebsocket/1.0}. */
    public String gatewayPath() {
        return context + "/" + version;
    }

    public Api withState(LifecycleState next, Instant at) {
        return new Api(id, name, context, version, description, provider, next, endpointUrl, endpointSettings,
                policies, apiPolicy, cors, maxFrameSize, maxMessageSize, createdAt, at);
    }

    /** The gateway's view; only meaningful for an API with an endpoint. */
    public RuntimeApi toRuntime() {
        String url = endpointUrl.orElseThrow(() -> new IllegalStateException("API " + id + " has no endpoint"));
        return new RuntimeApi(id, name, context, version, state,
                new Endpoint(URI.create(url), endpointSettings), policies, apiPolicy, cors,
                maxFrameSize == null ? RuntimeApi.GATEWAY_DEFAULT : maxFrameSize,
                maxMessageSize == null ? RuntimeApi.GATEWAY_DEFAULT : maxMessageSize);
    }
}
