package dev.tollgate.gateway.backend;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/** Why a backend connection did not reach {@code 101}, with the HTTP status the client should get. */
public final class BackendFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the status. */
    public enum Kind {
        /** Refused, unreachable, TLS failure or an invalid handshake answer: 502. */
        UNREACHABLE,
        /** No handshake within the endpoint's connection timeout: 504. */
        TIMEOUT,
        /** The backend answered the upgrade with an error status, passed on to the client. */
        REJECTED
    }

    private final Kind kind;
    private final transient HttpResponseStatus status;

    private BackendFailure(Kind kind, HttpResponseStatus status, String description, Throwable cause) {
        super(description, cause, false, false);
        this.kind = kind;
        this.status = Objects.requireNonNull(status, "status");
    }

    static BackendFailure unreachable(String description, Throwable cause) {
        return new BackendFailure(Kind.UNREACHABLE, HttpResponseStatus.BAD_GATEWAY, description, cause);
    }

    static BackendFailure timeout(String description) {
        return new BackendFailure(Kind.TIMEOUT, HttpResponseStatus.GATEWAY_TIMEOUT, description, null);
    }

    static BackendFailure rejected(HttpResponseStatus status) {
        return new BackendFailure(Kind.REJECTED, status, "Backend refused the WebSocket handshake: " + status, null);
    }

    public Kind kind() {
        return kind;
    }

    public HttpResponseStatus status() {
        return status;
    }
}
