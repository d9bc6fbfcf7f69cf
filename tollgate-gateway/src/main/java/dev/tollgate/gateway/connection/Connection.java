package dev.tollgate.gateway.connection;

import dev.tollgate.gateway.auth.VerifiedToken;
import dev.tollgate.gateway.metrics.ApiMeters;
import dev.tollgate.gateway.routing.Route;
import dev.tollgate.gateway.snapshot.ActiveSnapshot;
import dev.tollgate.gateway.throttle.ConnectionQuotas;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Objects;

/**
 * The state of one client connection: who it is, where it goes, and how far its close handshake has come.
 *
 * <p>The handshake stages fill it in order (snapshot and route, token and application, backend). Both legs run on the
 * client channel's event loop, and every field is read and written there only, so nothing here is synchronized.
 */
public final class Connection {

    /** The two legs of a relayed connection. */
    public enum Side {
        CLIENT,
        BACKEND;

        public Side other() {
            return this == CLIENT ? BACKEND : CLIENT;
        }
    }

    private static final AttributeKey<Connection> KEY = AttributeKey.valueOf(Connection.class, "connection");

    private final Channel client;
    private final boolean secure;
    private ActiveSnapshot snapshot;
    private Route route;
    private VerifiedToken token;
    private String applicationId;
    private boolean offeredOnlyTokenSubprotocol;
    private ApiMeters meters = ApiMeters.NONE;
    private ConnectionQuotas quotas;
    private Channel backend;
    private final boolean[] closeSent = new boolean[2];
    private final boolean[] closeReceived = new boolean[2];
    private int firstCloseCode = -1;

    private Connection(Channel client, boolean secure) {
        this.client = client;
        this.secure = secure;
    }

    /** Attaches a new connection to a freshly accepted client channel. */
    public static Connection open(Channel client, boolean secure) {
        Connection connection = new Connection(client, secure);
        client.attr(KEY).set(connection);
        return connection;
    }

    /** The connection of a client channel. */
    public static Connection of(Channel client) {
        return Objects.requireNonNull(client.attr(KEY).get(), "no connection attached to the channel");
    }

    public Channel client() {
        return client;
    }

    /** Whether the client came in over TLS ({@code wss}). */
    public boolean secure() {
        return secure;
    }

    public Channel backend() {
        return backend;
    }

    public void backend(Channel backendChannel) {
        this.backend = backendChannel;
    }

    public Channel channel(Side side) {
        return side == Side.CLIENT ? client : backend;
    }

    /** The snapshot the handshake was answered from. */
    public ActiveSnapshot snapshot() {
        return snapshot;
    }

    public void routed(ActiveSnapshot activeSnapshot, Route resolvedRoute, ApiMeters apiMeters) {
        this.snapshot = activeSnapshot;
        this.route = resolvedRoute;
        this.meters = apiMeters;
    }

    public Route route() {
        return route;
    }

    public void authenticated(VerifiedToken verifiedToken, String application) {
        this.token = verifiedToken;
        this.applicationId = application;
    }

    /** Whether the client's subprotocols were only the token's entries, so its 101 must select the marker. */
    public boolean offeredOnlyTokenSubprotocol() {
        return offeredOnlyTokenSubprotocol;
    }

    public void offeredOnlyTokenSubprotocol(boolean onlyToken) {
        this.offeredOnlyTokenSubprotocol = onlyToken;
    }

    public VerifiedToken token() {
        return token;
    }

    public String applicationId() {
        return applicationId;
    }

    public ApiMeters meters() {
        return meters;
    }

    /** Narrows the API's meters to the connection's application, once it is known. */
    public void metered(ApiMeters applicationMeters) {
        this.meters = applicationMeters;
    }

    /** The quotas the relay counts frames against; {@code null} when every plan of the connection is unlimited. */
    public ConnectionQuotas quotas() {
        return quotas;
    }

    public void throttled(ConnectionQuotas connectionQuotas) {
        this.quotas = connectionQuotas;
    }

    /** Lets {@code side} read again, unless the other leg cannot take more: backpressure then resumes it later. */
    public void resumeReading(Side side) {
        Channel peer = channel(side.other());
        channel(side).config().setAutoRead(peer != null && peer.isWritable());
    }

    public boolean closeSent(Side to) {
        return closeSent[to.ordinal()];
    }

    public void markCloseSent(Side to) {
        closeSent[to.ordinal()] = true;
    }

    public boolean closeReceived(Side from) {
        return closeReceived[from.ordinal()];
    }

    public void markCloseReceived(Side from) {
        closeReceived[from.ordinal()] = true;
    }

    /** Remembers the first close code of the connection, for metrics; later codes are answers to it. */
    public void recordCloseCode(int code) {
        if (firstCloseCode < 0) {
            firstCloseCode = code;
        }
    }

    public int firstCloseCode() {
        return firstCloseCode;
    }

    @Override
    public String toString() {
        return "Connection[" + client.remoteAddress() + (route == null ? "" : " -> " + route.api().name() + ":"
                + route.api().version()) + "]";
    }
}
