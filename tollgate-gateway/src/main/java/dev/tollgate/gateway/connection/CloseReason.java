package dev.tollgate.gateway.connection;

import java.util.Objects;

/** A WebSocket close code and reason the gateway sends on its own initiative. */
public record CloseReason(int code, String reason) {

    public CloseReason {
        Objects.requireNonNull(reason, "reason");
    }
}
