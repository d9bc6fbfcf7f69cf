package dev.tollgate.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link TokenIntrospector} reports of an active opaque token, the same facts the gateway reads from a JWT.
 *
 * @param tokenId the {@code jti}, matched against the runtime snapshot's revoked token ids for as long as the
 *     connection lives
 * @param clientId the {@code client_id}: the consumer key that ties the token to an application
 * @param expiresAt the {@code exp}; the connection is closed with 4001 when it passes
 */
public record IntrospectedToken(String tokenId, String clientId, Instant expiresAt) {

    public IntrospectedToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (tokenId.isBlank() || clientId.isBlank()) {
            throw new IllegalArgumentException("tokenId and clientId: blank (expected: the token's jti and client_id)");
        }
    }
}
