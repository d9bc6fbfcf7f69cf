package dev.tollgate.model;

import java.util.List;
import java.util.Objects;

/**
 * A WebSocket API as the gateway sees it.
 *
 * @param context the path prefix, starting with {@code /} and without the version ({@code /echowebsocket})
 * @param version the version as the publisher wrote it; routing compares {@link ApiVersion#key(String)}
 * @param plans the subscription plans (business plans) the API offers
 */
public record RuntimeApi(
        String id,
        String name,
        String context,
        String version,
        LifecycleState state,
        Endpoint endpoint,
        List<String> plans) {

    public RuntimeApi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endpoint, "endpoint");
        plans = List.copyOf(plans);
    }

    public String versionKey() {
        return ApiVersion.key(version);
    }
}
