package dev.tollgate.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.model.TokenTrust;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** A test key manager: an RSA signing key, its public JWK set, and RS256 access tokens. */
final class TestTokens {

    static final String ISSUER = "https://localhost:9443/oauth2/token";

    private final RSAKey key;

    private TestTokens(RSAKey key) {
        this.key = key;
    }

    static TestTokens generate() {
        try {
            return new TestTokens(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    TokenTrust trust() {
        return new TokenTrust(ISSUER, new JWKSet(key.toPublicJWK()).toString());
    }

    /** A valid token for {@code clientId} with a fresh jti, expiring in an hour. */
    String token(String clientId) {
        return token(claims(clientId, UUID.randomUUID().toString(), Instant.now().plus(Duration.ofHours(1))).build());
    }

    String token(String clientId, String jti, Instant expiresAt) {
        return token(claims(clientId, jti, expiresAt).build());
    }

    JWTClaimsSet.Builder claims(String clientId, String jti, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .claim("client_id", clientId)
                .jwtID(jti)
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt));
    }

    String token(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signs with this key manager's own key under a header the test chose (another kid, extra parameters). */
    String sign(JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String keyId() {
        return key.getKeyID();
    }
}
