package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.metrics.HandshakeOutcome;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A handshake answered with an HTTP error instead of {@code 101}.
 *
 * @param description what the client should know; never contains a token
 * @param headers extra response headers, such as {@code WWW-Authenticate}
 */
record Refusal(HttpResponseStatus status, HandshakeOutcome outcome, String description, Map<String, String> headers) {

    /** The challenge of every 401: only bearer tokens are accepted. */
    static final String BEARER_CHALLENGE = "Bearer";

    Refusal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(description, "description");
        headers = Map.copyOf(headers);
    }

    static Refusal of(HttpResponseStatus status, HandshakeOutcome outcome, String description) {
        return new Refusal(status, outcome, description, Map.of());
    }

    static Refusal badRequest(String description) {
        return of(HttpResponseStatus.BAD_REQUEST, HandshakeOutcome.BAD_REQUEST, description);
    }

    static Refusal unauthorized(String description, String challenge) {
        return new Refusal(HttpResponseStatus.UNAUTHORIZED, HandshakeOutcome.UNAUTHORIZED, description,
                Map.of("WWW-Authenticate", challenge));
    }

    static Refusal forbidden(String description) {
        return of(HttpResponseStatus.FORBIDDEN, HandshakeOutcome.FORBIDDEN, description);
    }

    Refusal withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Refusal(status, outcome, description, more);
    }
}
