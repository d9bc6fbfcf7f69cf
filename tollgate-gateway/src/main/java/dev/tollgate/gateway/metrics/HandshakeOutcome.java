package dev.tollgate.gateway.metrics;

import java.util.Locale;

/** How a handshake ended; the {@code outcome} tag of {@code tollgate.handshakes}. */
public enum HandshakeOutcome {
    ACCEPTED,
    BAD_REQUEST,
    UNAUTHORIZED,
    /** The key manager could not say whether an opaque token is active. */
    INTROSPECTION_FAILED,
    FORBIDDEN,
    THROTTLED,
    NOT_FOUND,
    BLOCKED,
    BACKEND_REFUSED,
    BAD_GATEWAY,
    TIMEOUT,
    SUSPENDED,
    ABANDONED;

    /** The tag value: the name in lower case, such as {@code not_found}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
