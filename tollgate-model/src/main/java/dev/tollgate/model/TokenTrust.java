package dev.tollgate.model;

import java.util.Objects;

/**
 * What a gateway needs to verify access tokens offline.
 *
 * @param issuer the {@code iss} every token must carry
 * @param publicJwkSet the key manager's public signing keys as a JWK Set document (JSON)
 */
public record TokenTrust(String issuer, String publicJwkSet) {

    public TokenTrust {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(publicJwkSet, "publicJwkSet");
    }
}
