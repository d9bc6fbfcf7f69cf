package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.connection.AccessReview;
import dev.tollgate.gateway.connection.CloseReason;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.model.RuntimeSnapshot;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every relayed connection, grouped by API id, so that a new snapshot ends exactly the connections it no longer
 * allows and leaves the others alone. Safe to use from any thread; closing happens on each connection's event loop.
 */
public final class ConnectionRegistry {

    private final Map<String, Set<Connection>> byApi = new ConcurrentHashMap<>();

    void add(Connection connection) {
        byApi.compute(connection.route().api().id(), (apiId, connections) -> {
            Set<Connection> set = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            set.add(connection);
            return set;
        });
    }

    void remove(Connection connection) {
        byApi.computeIfPresent(connection.route().api().id(), (apiId, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    /** The number of relayed connections open now. */
    public int size() {
        return byApi.values().stream().mapToInt(Set::size).sum();
    }

    /** Ends every connection the snapshot no longer allows: its API is not served, or its credentials are gone. */
    public void review(RuntimeSnapshot snapshot) {
        byApi.values().forEach(connections -> connections.forEach(connection -> review(connection, snapshot)));
    }

    /** Reviews one connection, the way {@link #review(RuntimeSnapshot)} reviews them all. */
    void review(Connection connection, RuntimeSnapshot snapshot) {
        AccessReview.ofApi(snapshot.apis().get(connection.route().api().id()))
                .or(() -> AccessReview.ofCredentials(connection, snapshot))
                .ifPresent(reason -> disconnect(connection, reason));
    }

    /** Every relayed connection open now, for a change that concerns each of them. */
    public void forEach(java.util.function.Consumer<Connection> action) {
        byApi.values().forEach(connections -> connections.forEach(action));
    }

    /** Ends every connection with the same reason, as when the gateway stops. */
    public void disconnectAll(CloseReason reason) {
        byApi.values().forEach(connections -> connections.forEach(connection -> disconnect(connection, reason)));
    }

    static void disconnect(Connection connection, CloseReason reason) {
        // The pipeline hands the event to the connection's event loop, whichever thread this is.
        connection.client().pipeline().fireUserEventTriggered(new DisconnectRequest(reason));
    }
}
