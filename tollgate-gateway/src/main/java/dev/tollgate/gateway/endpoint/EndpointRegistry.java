package dev.tollgate.gateway.endpoint;

import dev.tollgate.model.RuntimeApi;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint state of every API, by API id. It survives snapshot swaps, so an endpoint stays suspended when an
 * unrelated change arrives; it starts afresh when the API's endpoint URL changes, and forgets APIs that are gone.
 * Safe to use from any thread.
 */
public final class EndpointRegistry {

    private final Map<String, EndpointState> byApi = new ConcurrentHashMap<>();

    /** The state of the API's endpoint, new when the API is new or its endpoint URL changed. */
    EndpointState state(RuntimeApi api) {
        return byApi.compute(api.id(), (id, state) ->
                state != null && state.url().equals(api.endpoint().url()) ? state : new EndpointState(
                        api.endpoint().url()));
    }

    /** Forgets the endpoints of APIs no longer in the snapshot. */
    public void retainApis(Set<String> apiIds) {
        byApi.keySet().retainAll(apiIds);
    }

    int size() {
        return byApi.size();
    }
}
