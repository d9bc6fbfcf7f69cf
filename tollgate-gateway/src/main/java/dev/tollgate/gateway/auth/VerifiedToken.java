package dev.tollgate.gateway.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts the gateway keeps from a verified access token; the token itself is not kept.
 *
 * @param tokenId the {@code jti}, checked against revocations for the life of the connection
 * @param clientId the {@code client_id}: the consumer key that ties the token to an application
 * @param expiresAt the {@code exp}; the connection is closed when it passes
 */
public record VerifiedToken(String tokenId, String clientId, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
