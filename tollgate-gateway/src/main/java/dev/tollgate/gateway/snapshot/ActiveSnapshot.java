package dev.tollgate.gateway.snapshot;

import dev.tollgate.gateway.auth.TokenVerifier;
import dev.tollgate.gateway.routing.RoutingTable;
import dev.tollgate.model.RuntimeSnapshot;
import java.time.Clock;
import java.util.Objects;

/** A runtime snapshot with its routing table and token verifier, built once when the snapshot arrives. */
public record ActiveSnapshot(RuntimeSnapshot snapshot, RoutingTable routes, TokenVerifier tokens) {

    public ActiveSnapshot {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(tokens, "tokens");
    }

    public static ActiveSnapshot of(RuntimeSnapshot snapshot, Clock clock) {
        return new ActiveSnapshot(
                snapshot, RoutingTable.of(snapshot.apis().values()), TokenVerifier.of(snapshot.tokenTrust(), clock));
    }

    /** The snapshot that follows this one: the token verifier, and the tokens it remembers, stay if the trust does. */
    public ActiveSnapshot next(RuntimeSnapshot next) {
        return new ActiveSnapshot(
                next, RoutingTable.of(next.apis().values()), tokens.forTrust(next.tokenTrust()));
    }
}
