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
import java.util.Optional;

/**
 * Makes the handshake stages for the listener's pipeline. The stateless stages are shared by all connections; the
 * upgrade-request stage holds a per-connection timer and is new for each.
 */
public final class HandshakeHandlers {

    private final GatewayMetrics metrics;
    private final Duration handshakeTimeout;
    private final ChannelHandler routing;
    private final ChannelHandler origin;
    private final ChannelHandler authentication;
    private final ChannelHandler subscription;
    private final ChannelHandler throttleAdmission;
    private final ChannelHandler backendConnect;

    public HandshakeHandlers(SnapshotHolder snapshots, EndpointConnector backends, Relay relay, GatewayMetrics metrics,
            Duration handshakeTimeout, Throttling throttling, PerMessageDeflate deflate,
            Optional<OpaqueTokenVerifier> opaqueTokens) {
        this.metrics = metrics;
        this.handshakeTimeout = handshakeTimeout;
        this.routing = new RoutingHandler(metrics, snapshots);
        this.origin = new OriginHandler(metrics);
        this.authentication = new AuthenticationHandler(metrics, opaqueTokens);
        this.subscription = new SubscriptionHandler(metrics);
        this.throttleAdmission = new ThrottleAdmissionHandler(metrics, throttling);
        this.backendConnect = new BackendConnectHandler(backends, relay, metrics, deflate);
    }

    public ChannelHandler upgradeRequest() {
        return new UpgradeRequestHandler(metrics, handshakeTimeout);
    }

    public ChannelHandler routing() {
        return routing;
    }

    public ChannelHandler origin() {
        return origin;
    }

    public ChannelHandler authentication() {
        return authentication;
    }

    public ChannelHandler subscription() {
        return subscription;
    }

    public ChannelHandler throttleAdmission() {
        return throttleAdmission;
    }

    public ChannelHandler backendConnect() {
        return backendConnect;
    }
}
