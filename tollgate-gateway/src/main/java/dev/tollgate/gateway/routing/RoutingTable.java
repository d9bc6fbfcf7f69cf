package dev.tollgate.gateway.routing;

import dev.tollgate.model.ApiVersion;
import dev.tollgate.model.RuntimeApi;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps {@code /<context>/<version>} to the routed APIs of one snapshot.
 *
 * <p>A context may have several segments ({@code /shop/orders}); it matches a path as a prefix on segment boundaries,
 * followed by a version segment whose {@link ApiVersion#key} equals the API's. When contexts nest, the longest wins.
 * Only {@link dev.tollgate.model.LifecycleState#isRouted() routed} APIs are in the table, so a lookup either finds a
 * served or blocked API or nothing.
 */
public final class RoutingTable {

    private final Map<String, RuntimeApi> apisByContextAndVersion;

    private RoutingTable(Map<String, RuntimeApi> apisByContextAndVersion) {
        this.apisByContextAndVersion = apisByContextAndVersion;
    }

    public static RoutingTable of(Collection<RuntimeApi> apis) {
        Map<String, RuntimeApi> table = new HashMap<>();
        for (RuntimeApi api : apis) {
            if (!api.state().isRouted()) {
                continue;
            }
            // A served API wins over a blocked one with the same context and version, so that a re-published copy
            // is reachable while its blocked predecessor lingers in the snapshot.
            table.merge(key(normalizeContext(api.context()), api.versionKey()), api,
                    (kept, candidate) -> candidate.state().isServed() && !kept.state().isServed() ? candidate : kept);
        }
        return new RoutingTable(Map.copyOf(table));
    }

    /** Resolves a raw request path (no query), such as {@code /echowebsocket/1.0.0/topic}. */
    public Optional<Route> route(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.empty();
        }
        // Try the longest context first: each '/' after the first segment may end the context.
        int slash = rawPath.lastIndexOf('/');
        while (slash > 0) {
            String context = rawPath.substring(0, slash);
            int nextSlash = rawPath.indexOf('/', slash + 1);
            int end = nextSlash < 0 ? rawPath.length() : nextSlash;
            String version = rawPath.substring(slash + 1, end);
            if (!version.isEmpty()) {
                RuntimeApi api = apisByContextAndVersion.get(key(context, ApiVersion.key(version)));
                if (api != null) {
                    return Optional.of(new Route(api, rawPath.substring(end)));
                }
            }
            slash = rawPath.lastIndexOf('/', slash - 1);
        }
        return Optional.empty();
    }

    private static String normalizeContext(String context) {
        String withSlash = context.startsWith("/") ? context : "/" + context;
        int end = withSlash.length();
        while (end > 1 && withSlash.charAt(end - 1) == '/') {
            end--;
        }
        return withSlash.substring(0, end);
    }

    private static String key(String context, String versionKey) {
        return context + '\n' + versionKey;
    }
}
