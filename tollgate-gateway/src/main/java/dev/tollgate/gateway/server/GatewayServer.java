package dev.tollgate.gateway.server;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.GatewayConfig;
import dev.tollgate.gateway.auth.OpaqueTokenVerifier;
import dev.tollgate.gateway.backend.BackendConnector;
import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.connection.CloseReason;
import dev.tollgate.gateway.endpoint.EndpointConnector;
import dev.tollgate.gateway.endpoint.EndpointRegistry;
import dev.tollgate.gateway.handshake.HandshakeHandlers;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.relay.ConnectionRegistry;
import dev.tollgate.gateway.relay.Relay;
import dev.tollgate.gateway.snapshot.ActiveSnapshot;
import dev.tollgate.gateway.snapshot.SnapshotHolder;
import dev.tollgate.gateway.throttle.Throttling;
import dev.tollgate.gateway.throttle.ThrottlingMode;
import dev.tollgate.gateway.tls.TlsContexts;
import dev.tollgate.gateway.transport.Transport;
import dev.tollgate.model.RuntimeSnapshot;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the gateway's event loops, listeners, snapshot and live connections, from start to close. */
public final class GatewayServer {

    /**
     * Per channel: above 512 KiB queued, the channel reports unwritable and the relay stops reading its partner;
     * below 128 KiB it resumes. Large enough for a burst, small enough to bound memory per connection.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);
    private static final CloseReason SHUTDOWN = new CloseReason(CloseCodes.GOING_AWAY, "Gateway shutting down");
    private static final long DRAIN_MILLIS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final Transport.Kind transport;
    private final EventLoopGroup group;
    private final ExecutorService resolverExecutor;
    private final SnapshotHolder snapshots;
    private final ConnectionRegistry registry;
    private final EndpointRegistry endpoints = new EndpointRegistry();
    private final Throttling throttling;
    private Relay relay;
    private Channel wsChannel;
    private Channel wssChannel;

    private GatewayServer(Transport.Kind transport, EventLoopGroup group, ExecutorService resolverExecutor,
            SnapshotHolder snapshots, ConnectionRegistry registry, Throttling throttling) {
        this.transport = transport;
        this.group = group;
        this.throttling = throttling;
        this.resolverExecutor = resolverExecutor;
        this.snapshots = snapshots;
        this.registry = registry;
    }

    private static Optional<OpaqueTokenVerifier> opaqueTokens(GatewayConfig config, Clock clock) {
        return config.tokenIntrospector().map(introspector -> new OpaqueTokenVerifier(introspector,
                config.introspectionCacheSize(), config.introspectionCacheTtl(), config.introspectionTimeout(), clock));
    }

    /** Binds the configured listeners; returns once they accept connections. */
    public static GatewayServer start(GatewayConfig config, RuntimeSnapshot initial, Clock clock) {
        SnapshotHolder snapshots = new SnapshotHolder(initial, clock);
        SslContext serverTls = config.wssPort() == GatewayConfig.DISABLED ? null : TlsContexts.server(config);
        SslContext backendTls = TlsContexts.backendClient(config);
        GatewayMetrics metrics = config.meterRegistry().map(GatewayMetrics::micrometer).orElse(GatewayMetrics.none());
        Transport transport = Transport.of(config.transport());

        EventLoopGroup group = transport.newGroup(config.ioThreads());
        ExecutorService resolverExecutor = resolverExecutor();
        ConnectionRegistry registry = new ConnectionRegistry();
        Throttling throttling = Throttling.start(config.sharedThrottling().orElse(null),
                config.meterRegistry().orElse(null));
        GatewayServer server = new GatewayServer(transport.kind(), group, resolverExecutor, snapshots, registry,
                throttling);
        try {
            PerMessageDeflate deflate = new PerMessageDeflate(config.perMessageDeflate(), config.maxFramePayload());
            BackendConnector backends = new BackendConnector(transport, backendTls, config.maxFramePayload(),
                    config.maxMessageSize(), WATER_MARK, resolverExecutor, deflate);
            Relay relay = new Relay(registry, snapshots, metrics, config.idleTimeout(), config.maxFramePayload(),
                    config.maxMessageSize(), deflate.enabled(), clock);
            server.relay = relay;
            HandshakeHandlers handshake = new HandshakeHandlers(
                    snapshots, new EndpointConnector(backends, server.endpoints, clock), relay, metrics,
                    config.handshakeTimeout(), throttling, deflate,
                    opaqueTokens(config, clock));
            if (config.wsPort() != GatewayConfig.DISABLED) {
                server.wsChannel = bind(transport, group, config, config.wsPort(),
                        new GatewayChannelInitializer(null, config.handshakeTimeout(), handshake));
            }
            if (serverTls != null) {
                server.wssChannel = bind(transport, group, config, config.wssPort(),
                        new GatewayChannelInitializer(serverTls, config.handshakeTimeout(), handshake));
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        SslProvider tls = TlsContexts.provider();
        log.info("Gateway listening on {} (ws port {}, wss port {}, {} transport, {} TLS)", config.bindHost(),
                server.wsPort(), server.wssPort(), transport.name(), tls);
        if (tls != SslProvider.OPENSSL) {
            log.warn("OpenSSL is not available, TLS uses the JDK's engine: {}",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        return server;
    }

    private static Channel bind(Transport transport, EventLoopGroup group, GatewayConfig config, int port,
            GatewayChannelInitializer initializer) {
        ServerBootstrap bootstrap = transport.configureAccepted(new ServerBootstrap())
                .group(group)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                // TCP_NODELAY is Netty's default for accepted channels of both transports (one system call less).
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer);
        try {
            return bootstrap.bind(new InetSocketAddress(config.bindHost(), port)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding " + config.bindHost() + ":" + port, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot listen on " + config.bindHost() + ":" + port + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Host-name lookups of backends block, so they get their own few daemon threads, never an event loop. */
    private static ExecutorService resolverExecutor() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "tollgate-resolver-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The transport the event loops run on (never {@link Transport.Kind#AUTO}). */
    public Transport.Kind transport() {
        return transport;
    }

    public int wsPort() {
        return port(wsChannel);
    }

    public int wssPort() {
        return port(wssChannel);
    }

    private static int port(Channel channel) {
        return channel == null ? GatewayConfig.DISABLED : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Installs a newer snapshot, then ends the live connections it no longer allows and starts counting those it
     * gives a limited plan. New handshakes see the snapshot at once; each live connection takes it on its own event
     * loop, and the returned future completes once every one of them has (at once for an older revision).
     */
    public CompletableFuture<Void> onSnapshot(RuntimeSnapshot next) {
        ActiveSnapshot installed = snapshots.update(next);
        if (installed == null) {
            log.debug("Ignored snapshot revision {}: revision {} is installed", next.revision(),
                    snapshots.current().snapshot().revision());
            return CompletableFuture.completedFuture(null);
        }
        endpoints.retainApis(installed.snapshot().apis().keySet());
        throttling.onSnapshot(installed.snapshot());
        registry.review(installed.snapshot());
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        // Each connection's task runs after the disconnect the review may have queued on the same event loop.
        registry.forEach(connection -> taken.add(relay.throttleIfLimited(connection, installed.snapshot(),
                throttling)));
        return CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new));
    }

    public ThrottlingMode throttlingMode() {
        return throttling.mode();
    }

    /** The number of relayed connections open now. */
    public int openConnections() {
        return registry.size();
    }

    /**
     * Stops accepting, closes every relayed connection with 1001, waits briefly for the closes to go out, then stops
     * the event loops.
     */
    public void close() {
        if (wsChannel != null) {
            wsChannel.close().syncUninterruptibly();
        }
        if (wssChannel != null) {
            wssChannel.close().syncUninterruptibly();
        }
        registry.disconnectAll(SHUTDOWN);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        group.shutdownGracefully(0, DRAIN_MILLIS, TimeUnit.MILLISECONDS).syncUninterruptibly();
        if (relay != null) {
            relay.close();
        }
        resolverExecutor.shutdownNow();
        throttling.close();
    }
}
