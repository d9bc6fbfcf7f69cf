package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.connection.CloseReason;
import java.util.Objects;

/**
 * A user event asking the relay to end a connection on the gateway's own initiative (API blocked, token revoked or
 * expired, idle, shutdown). Fired into the client channel's pipeline, so it may come from any thread.
 */
public record DisconnectRequest(CloseReason reason) {

    public DisconnectRequest {
        Objects.requireNonNull(reason, "reason");
    }
}
