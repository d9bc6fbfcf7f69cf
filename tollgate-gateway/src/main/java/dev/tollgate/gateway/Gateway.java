package dev.tollgate.gateway;

import dev.tollgate.gateway.server.GatewayServer;
import dev.tollgate.gateway.throttle.ThrottlingMode;
import dev.tollgate.gateway.transport.Transport;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.SnapshotListener;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A running Tollgate gateway: WebSocket listeners that authenticate each handshake against the current runtime
 * snapshot and relay accepted connections to the API's backend.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.start(GatewayConfig.builder().wsPort(9099).build(), snapshot);
 * controlPlane.subscribe(gateway);   // every newer snapshot is swapped in atomically
 * ...
 * gateway.close();
 * }</pre>
 *
 * <p>Thread-safe. {@link #onSnapshot} may be called from any thread but not from a gateway event loop.
 */
public final class Gateway implements SnapshotListener, AutoCloseable {

    private final GatewayServer server;

    private Gateway(GatewayServer server) {
        this.server = server;
    }

    /**
     * Binds the configured listeners and returns once they accept connections.
     *
     * @throws IllegalStateException when a port cannot be bound
     * @throws IllegalArgumentException when the TLS key or trust store cannot be used
     */
    public static Gateway start(GatewayConfig config, RuntimeSnapshot initialSnapshot) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(initialSnapshot, "initialSnapshot");
        return new Gateway(GatewayServer.start(config, initialSnapshot, Clock.systemUTC()));
    }

    /** The I/O transport chosen at start: {@code IO_URING}, {@code EPOLL} or {@code NIO}. */
    public Transport.Kind transport() {
        return server.transport();
    }

    /** The bound {@code ws} port (the real one when 0 was configured), or -1 when {@code ws} is disabled. */
    public int wsPort() {
        return server.wsPort();
    }

    /** The bound {@code wss} port, or -1 when {@code wss} is disabled. */
    public int wssPort() {
        return server.wssPort();
    }

    /**
     * Swaps in {@code snapshot} unless a newer revision is already in place, then closes the live connections it no
     * longer allows: 1001 for an API that is blocked, retired or removed; 4001 ({@link CloseCodes#TOKEN_INVALID})
     * for a revoked token, removed keys, or a removed or blocked subscription. Other connections are untouched.
     */
    @Override
    public void onSnapshot(RuntimeSnapshot snapshot) {
        apply(snapshot);
    }

    /**
     * As {@link #onSnapshot}, and tells when every live connection has taken the snapshot on its event loop: from
     * then on their frames are counted against the plans it gives them, and the connections it ends have been told.
     */
    public CompletableFuture<Void> apply(RuntimeSnapshot snapshot) {
        return server.onSnapshot(Objects.requireNonNull(snapshot, "snapshot"));
    }

    /**
     * Where throttling counters live now: {@link ThrottlingMode#LOCAL} without Redis, {@link ThrottlingMode#SHARED}
     * with a reachable Redis, {@link ThrottlingMode#LOCAL_FALLBACK} while the configured Redis cannot be reached.
     */
    public ThrottlingMode throttlingMode() {
        return server.throttlingMode();
    }

    /** The number of relayed connections open now. */
    public int openConnections() {
        return server.openConnections();
    }

    /** Stops listening, closes every connection with 1001 "Gateway shutting down", and stops the event loops. */
    @Override
    public void close() {
        server.close();
    }
}
