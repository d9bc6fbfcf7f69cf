package dev.tollgate.gateway.endpoint;

import dev.tollgate.gateway.backend.BackendFailure;

/**
 * The error code of a failed backend connect, in WSO2's numbering, which the endpoint settings' code sets use.
 *
 * <ul>
 *   <li>{@link #CONNECTION_FAILED} (WSO2's 101503): refused, unreachable, unknown host, TLS failure, closed or an
 *       invalid answer during the handshake.</li>
 *   <li>{@link #CONNECTION_TIMEOUT} (WSO2's 101504): no TCP connection or no handshake answer within the endpoint's
 *       connection timeout.</li>
 *   <li>An HTTP status (such as 503): the backend answered the upgrade with it instead of {@code 101}.</li>
 * </ul>
 */
public final class EndpointErrorCodes {

    public static final int CONNECTION_FAILED = 101_503;
    public static final int CONNECTION_TIMEOUT = 101_504;

    private EndpointErrorCodes() {
    }

    /** The code of {@code failure}. */
    public static int of(BackendFailure failure) {
        return switch (failure.kind()) {
            case UNREACHABLE -> CONNECTION_FAILED;
            case TIMEOUT -> CONNECTION_TIMEOUT;
            case REJECTED, SUSPENDED -> failure.status().code();
        };
    }
}
