package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.auth.OpaqueTokenVerifier;
import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.endpoint.EndpointConnector;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.relay.Relay;
import dev.tollgate.gateway.snapshot.SnapshotHolder;
import dev.tollgate.gateway.throttle.Throttling;
import io.netty.channel.ChannelHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Makes the handshake handler of each client connection. The stages hold no per-connection state and are shared by
 * all connections; the handler holds the connection's timeout and is new for each.
 */
public final class HandshakeHandlers {

    private final GatewayMetrics metrics;
    private final Duration handshakeTimeout;
    /** In the order the gateway decides: a page from another origin gets no further than routing, for example. */
    private final List<HandshakeStage> stages;

    public HandshakeHandlers(SnapshotHolder snapshots, EndpointConnector backends, Relay relay, GatewayMetrics metrics,
            Duration handshakeTimeout, Throttling throttling, PerMessageDeflate deflate,
            Optional<OpaqueTokenVerifier> opaqueTokens) {
        this.metrics = metrics;
        this.handshakeTimeout = handshakeTimeout;
        this.stages = List.of(
                new UpgradeRequestCheck(),
                new RoutingCheck(metrics, snapshots),
                new OriginCheck(),
                new AuthenticationStage(opaqueTokens),
                new SubscriptionCheck(),
                new ThrottleAdmissionCheck(throttling),
                new BackendConnectStage(backends, relay, metrics, deflate));
    }

    public ChannelHandler newHandler() {
        return new HandshakeHandler(stages, metrics, handshakeTimeout);
    }
}
