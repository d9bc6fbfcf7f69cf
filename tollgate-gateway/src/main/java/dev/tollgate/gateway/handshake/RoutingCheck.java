package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.metrics.HandshakeOutcome;
import dev.tollgate.gateway.routing.Route;
import dev.tollgate.gateway.snapshot.ActiveSnapshot;
import dev.tollgate.gateway.snapshot.SnapshotHolder;
import dev.tollgate.model.LifecycleState;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;

/**
 * Resolves the request path to an API through the current snapshot's routing table, and fixes that snapshot for the
 * rest of the handshake. Unknown paths get 404, blocked APIs 503.
 */
final class RoutingCheck implements HandshakeCheck {

    private final GatewayMetrics metrics;
    private final SnapshotHolder snapshots;

    RoutingCheck(GatewayMetrics metrics, SnapshotHolder snapshots) {
        this.metrics = metrics;
        this.snapshots = snapshots;
    }

    @Override
    public Optional<Refusal> check(FullHttpRequest request, Connection connection) {
        ActiveSnapshot active = snapshots.current();
        String path = new QueryStringDecoder(request.uri()).rawPath();
        Optional<Route> route = active.routes().route(path);
        if (route.isEmpty()) {
            return Optional.of(Refusal.of(HttpResponseStatus.NOT_FOUND, HandshakeOutcome.NOT_FOUND,
                    "No API matches " + path));
        }
        if (route.get().api().state() == LifecycleState.BLOCKED) {
            return Optional.of(Refusal.of(HttpResponseStatus.SERVICE_UNAVAILABLE, HandshakeOutcome.BLOCKED,
                    "API is blocked"));
        }
        connection.routed(active, route.get(), metrics.api(route.get().api()));
        return Optional.empty();
    }
}
