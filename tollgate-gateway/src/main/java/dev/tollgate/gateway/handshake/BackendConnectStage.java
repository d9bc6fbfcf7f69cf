package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.auth.TokenSubprotocol;
import dev.tollgate.gateway.backend.BackendFailure;
import dev.tollgate.gateway.backend.BackendLeg;
import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.endpoint.EndpointConnector;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.metrics.HandshakeOutcome;
import dev.tollgate.gateway.relay.Relay;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: connects the backend under the endpoint's retry and suspension settings, then answers the
 * client. A backend failure becomes 502, 504, the backend's own error status, or 503 while
 * the endpoint is suspended; success completes the client's handshake with the
 * subprotocol the backend chose, and the relay takes over.
 */
final class BackendConnectStage implements HandshakeStage {

    private static final Logger log = LoggerFactory.getLogger(BackendConnectStage.class);

    private final EndpointConnector backends;
    private final Relay relay;
    private final GatewayMetrics metrics;
    private final PerMessageDeflate deflate;

    BackendConnectStage(EndpointConnector backends, Relay relay, GatewayMetrics metrics, PerMessageDeflate deflate) {
        this.backends = backends;
        this.relay = relay;
        this.metrics = metrics;
        this.deflate = deflate;
    }

    @Override
    public void decide(Handshake handshake) {
        FullHttpRequest request = handshake.request();
        Channel client = handshake.channel();
        // Reads go on while the backend connects: a client sends nothing more before its 101, and what it sends
        // anyway the handshake handler drops. Pausing and resuming would cost two epoll_ctl calls a handshake.
        Connection connection = handshake.connection();
        long started = System.nanoTime();
        backends.connect(connection, request).addListener((Future<BackendLeg> connected) -> {
            metrics.backendConnect(Duration.ofNanos(System.nanoTime() - started), connected.isSuccess());
            try {
                if (!client.isActive()) {
                    metrics.handshake(HandshakeOutcome.ABANDONED);
                    if (connected.isSuccess()) {
                        connected.getNow().channel().close();
                    }
                } else if (connected.isSuccess()) {
                    completeClientHandshake(connection, request, connected.getNow());
                } else {
                    refuse(client, connected.cause());
                }
            } finally {
                request.release();
            }
        });
    }

    private void completeClientHandshake(Connection connection, FullHttpRequest request, BackendLeg backend) {
        Channel client = connection.client();
        // The backend chose among the subprotocols the client offered, so the 101 answers exactly its choice, or none.
        String subprotocol = TokenSubprotocol.answer(backend.subprotocol(), connection.offeredOnlyTokenSubprotocol());
        WebSocketServerExtension extension = deflate.clientLegAnswer(
                request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS));
        ClientUpgrade.accept(client, request.headers(), subprotocol, extension).addListener(done -> {
            if (done.isSuccess()) {
                metrics.handshake(HandshakeOutcome.ACCEPTED);
                try {
                    relay.start(connection);
                } catch (RuntimeException e) {
                    log.warn("Cannot start relaying {}", connection, e);
                    client.close();
                    backend.channel().close();
                }
            } else {
                metrics.handshake(HandshakeOutcome.ABANDONED);
                client.close();
                backend.channel().close();
            }
        });
    }

    private void refuse(Channel client, Throwable cause) {
        if (cause instanceof BackendFailure failure) {
            HandshakeOutcome outcome = switch (failure.kind()) {
                case TIMEOUT -> HandshakeOutcome.TIMEOUT;
                case REJECTED -> HandshakeOutcome.BACKEND_REFUSED;
                case UNREACHABLE -> HandshakeOutcome.BAD_GATEWAY;
                case SUSPENDED -> HandshakeOutcome.SUSPENDED;
            };
            log.debug("Backend connect failed for {}: {}", client.remoteAddress(), failure.getMessage(),
                    failure.getCause());
            Refusal refusal = Refusal.of(failure.status(), outcome, failure.getMessage());
            if (failure.retryAfter().isPresent()) {
                long seconds = Math.max(1, (failure.retryAfter().get().toMillis() + 999) / 1000);
                refusal = refusal.withHeader("Retry-After", Long.toString(seconds));
            }
            Refusals.send(client, refusal, metrics);
        } else {
            log.warn("Backend connect failed unexpectedly for {}", client.remoteAddress(), cause);
            Refusals.send(client, Refusal.of(HttpResponseStatus.BAD_GATEWAY,
                    HandshakeOutcome.BAD_GATEWAY, "Cannot connect to the backend"), metrics);
        }
    }
}
