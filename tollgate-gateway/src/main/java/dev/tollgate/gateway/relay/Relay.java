package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.connection.CloseReason;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import dev.tollgate.gateway.connection.HandlerNames;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.snapshot.SnapshotHolder;
import dev.tollgate.gateway.throttle.Throttling;
import dev.tollgate.model.RuntimeSnapshot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Turns a connection whose two handshakes are complete into a relay: swaps both pipelines from handshake to frames,
 * registers the connection, schedules its token's expiry (off the event loop, {@link OffLoopTimer}), puts both legs
 * under their event loop's {@link IdleSweep}, and resumes reading on both legs.
 */
public final class Relay implements AutoCloseable {

    private static final CloseReason TOKEN_EXPIRED = new CloseReason(CloseCodes.TOKEN_EXPIRED, "Access token expired");

    private final ConnectionRegistry registry;
    private final SnapshotHolder snapshots;
    private final GatewayMetrics metrics;
    private final Duration idleTimeout;
    private final int maxFramePayload;
    private final int maxMessageSize;
    private final WebSocketDecoderConfig clientFrames;
    private final Clock clock;
    /** One sweep per event loop, started with the loop's first relayed connection. */
    private final Map<EventLoop, IdleSweep> idleSweeps = new ConcurrentHashMap<>();
    /** Token expiries and idle sweeps, kept off the event loops. */
    private final OffLoopTimer timer = new OffLoopTimer();

    /**
     * @param maxFramePayload the gateway's frame limit, for an API that sets none or a larger one
     * @param maxMessageSize the gateway's message limit, likewise
     * @param allowExtensions whether client frames may carry reserved bits, for an extension negotiated on the leg
     */
    public Relay(ConnectionRegistry registry, SnapshotHolder snapshots, GatewayMetrics metrics, Duration idleTimeout,
            int maxFramePayload, int maxMessageSize, boolean allowExtensions, Clock clock) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.idleTimeout = idleTimeout;
        this.maxFramePayload = maxFramePayload;
        this.maxMessageSize = maxMessageSize;
        this.clientFrames = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFramePayload)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                // With extensions, the relay refuses reserved bits that no negotiated extension consumed.
                .allowExtensions(allowExtensions)
                // The relay sends the close for every protocol violation, on both legs, and validates UTF-8 itself.
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false)
                .build();
        this.clock = clock;
    }

    /** How a decoded client leg reads frames: the gateway's settings with the API's own frame limit, if lower. */
    private WebSocketDecoderConfig clientFrames(Connection connection) {
        int frameLimit = connection.route().api().frameLimit(maxFramePayload);
        return frameLimit == maxFramePayload ? clientFrames
                : clientFrames.toBuilder().maxFramePayloadLength(frameLimit).build();
    }

    /** Starts relaying; runs on the connection's event loop right after the client got its {@code 101}. */
    public void start(Connection connection) {
        Channel client = connection.client();
        Channel backend = connection.backend();

        ChannelPipeline clientPipeline = client.pipeline();
        if (clientPipeline.get(HandlerNames.HANDSHAKE) != null) {
            clientPipeline.remove(HandlerNames.HANDSHAKE);
        }
        ChannelPipeline backendPipeline = backend.pipeline();
        // Bytes go from one leg to the other as they came only where neither leg transforms its frames. The backend
        // leg chose its reader at its own handshake (BackendHandshakeHandler); the client leg chooses now, the
        // extension it may have negotiated being installed by the time its 101 is written (ClientUpgrade).
        boolean plain = clientPipeline.get(WebSocketExtensionDecoder.class) == null
                && backendPipeline.get(WebSocketExtensionDecoder.class) == null;
        clientPipeline.addAfter(HandlerNames.FRAME_ENCODER, HandlerNames.FRAME_DECODER, plain
                ? FrameReader.of(connection, Side.CLIENT, maxFramePayload, maxMessageSize)
                : new WebSocket13FrameDecoder(clientFrames(connection)));
        Runnable finished = track(connection);
        IdleSweep idleSweep = idleSweep(client);
        addFrameHandlers(clientPipeline, connection, new RelayHandler(connection, Side.CLIENT, idleSweep, finished));
        addFrameHandlers(backendPipeline, connection,
                new RelayHandler(connection, Side.BACKEND, idleSweep, () -> { }));
        // Removing the handshake handler hands the relay any frames the backend sent before this point; no read
        // burst ends after them, so they are flushed here.
        if (backendPipeline.get(HandlerNames.BACKEND_HANDSHAKE) != null) {
            backendPipeline.remove(HandlerNames.BACKEND_HANDSHAKE);
            client.flush();
        }

        // A leg that closed while the handshake finished fires no channelInactive into the handlers just added.
        if (!client.isActive()) {
            Closing.legLost(connection, Side.CLIENT);
            finished.run();
            return;
        }
        if (!backend.isActive()) {
            Closing.legLost(connection, Side.BACKEND);
            return;
        }
        registry.review(connection, snapshots.current().snapshot());
        client.config().setAutoRead(true);
        backend.config().setAutoRead(true);
    }

    /** The sweep of the event loop that runs both legs of a connection (the backend leg was opened on it). */
    private IdleSweep idleSweep(Channel client) {
        if (idleTimeout.isZero()) {
            return IdleSweep.OFF;
        }
        return idleSweeps.computeIfAbsent(client.eventLoop(), loop -> IdleSweep.start(loop, idleTimeout, timer));
    }

    /**
     * Both legs check reserved bits and validate UTF-8, after any permessage-deflate decoder: the client leg as RFC
     * 6455 asks of a server, the backend leg so that a broken backend is stopped at the gateway (1002, 1007) rather
     * than poisoning the client's connection. Each leg's messages are bounded by the API's message limit (1009), before
     * anything counts them. A connection with a limited plan counts its data frames right in front of the relay.
     */
    private void addFrameHandlers(ChannelPipeline pipeline, Connection connection, RelayHandler relay) {
        // A FrameReader checks, limits and counts frames itself, and hands its runs of data frames straight to the
        // relay.
        FrameReader reader = pipeline.get(FrameReader.class);
        boolean decoded = reader == null;
        if (decoded) {
            pipeline.addLast(HandlerNames.RESERVED_BITS, ReservedBitsHandler.INSTANCE);
            // Like the frame decoders, the validator only reports; the relay sends the close (RelayHandler).
            pipeline.addLast(HandlerNames.UTF8_VALIDATOR, new Utf8FrameValidator(false));
            pipeline.addLast(HandlerNames.MESSAGE_SIZE,
                    new MessageSizeHandler(connection.route().api().messageLimit(maxMessageSize)));
        }
        if (decoded && connection.quotas() != null) {
            pipeline.addLast(HandlerNames.THROTTLE, connection.quotas().handler(relay.side()));
        }
        pipeline.addLast(HandlerNames.RELAY, relay);
        if (!decoded) {
            reader.relayTo(relay);
        }
    }

    /**
     * Starts counting the frames of a connection that was admitted with only unlimited plans, once a snapshot gives
     * it a limited one: the throttle handlers go in front of the relay on both legs, on the connection's event loop.
     * The returned future completes when that has run (or failed), whether or not the connection needed it.
     */
    public CompletableFuture<Void> throttleIfLimited(Connection connection, RuntimeSnapshot snapshot,
            Throttling throttling) {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        connection.client().eventLoop().submit(() -> {
            if (connection.quotas() != null || !connection.client().isActive()) {
                return;
            }
            snapshot.subscription(connection.applicationId(), connection.route().api().id())
                    .map(subscription -> throttling.admit(connection, subscription, snapshot))
                    .ifPresent(quotas -> {
                        connection.throttled(quotas);
                        for (Channel leg : new Channel[] {connection.client(), connection.backend()}) {
                            ChannelPipeline pipeline = leg.pipeline();
                            // A FrameReader asks the connection's quotas itself, from its next frame on.
                            if (pipeline.get(HandlerNames.RELAY) instanceof RelayHandler relay
                                    && pipeline.get(HandlerNames.THROTTLE) == null
                                    && pipeline.get(FrameReader.class) == null) {
                                pipeline.addBefore(HandlerNames.RELAY, HandlerNames.THROTTLE,
                                        quotas.handler(relay.side()));
                            }
                        }
                    });
        }).addListener(done -> taken.complete(null));
        return taken;
    }

    /**
     * Registers the connection and schedules its expiry; returns what to do, once, when its client leg is closed.
     * The returned action runs on the event loop only, so a plain flag makes it run once.
     */
    private Runnable track(Connection connection) {
        registry.add(connection);
        connection.metered(connection.meters().forApplication(connection.snapshot().snapshot()
                .application(connection.applicationId())
                .map(app -> app.owner() + '/' + app.name())
                .orElse(connection.applicationId())));
        connection.meters().connectionOpened();
        long untilExpiry = Math.max(0, connection.token().expiresAt().toEpochMilli() - clock.millis());
        Future<?> expiry = timer.schedule(connection.client().eventLoop(),
                () -> Closing.disconnect(connection, TOKEN_EXPIRED), untilExpiry);
        boolean[] done = {false};
        return () -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            expiry.cancel(false);
            registry.remove(connection);
            connection.meters().connectionClosed();
            metrics.connectionClosed(connection.firstCloseCode());
        };
    }

    /** Stops the timer of token expiries and idle sweeps; for the gateway's close, after its event loops stopped. */
    @Override
    public void close() {
        timer.close();
    }
}
