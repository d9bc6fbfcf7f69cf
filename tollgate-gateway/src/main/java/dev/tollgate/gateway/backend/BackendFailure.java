package dev.tollgate.gateway.backend;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
        REJECTED,
        /** The endpoint is suspended after earlier failures; no connection was attempted: 503. */
        SUSPENDED
    }

    private final Kind kind;
    private final transient HttpResponseStatus status;
    private final Duration retryAfter;

    private BackendFailure(Kind kind, HttpResponseStatus status, String description, Throwable cause,
            Duration retryAfter) {
        super(description, cause, false, false);
        this.kind = kind;
        this.status = Objects.requireNonNull(status, "status");
        this.retryAfter = retryAfter;
    }

    private BackendFailure(Kind kind, HttpResponseStatus status, String description, Throwable cause) {
        this(kind, status, description, cause, null);
    }

    /** The endpoint is suspended until {@code until}, which is {@code remaining} from now. */
    public static BackendFailure suspended(Instant until, Duration remaining) {
        return new BackendFailure(Kind.SUSPENDED, HttpResponseStatus.SERVICE_UNAVAILABLE,
                "Endpoint suspended until " + until, null, remaining);
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

    /** For a suspended endpoint, how long until the next attempt is allowed. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
