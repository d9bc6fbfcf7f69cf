package dev.tollgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.model.TokenTrust;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verified-token cache skips the signature check only: every claim is still checked on every handshake. */
class TokenVerifierCacheTest {

    private static final String ISSUER = "https://localhost:9443/oauth2/token";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static RSAKey key;
    private static RSAKey otherKey;

    private final MovableClock clock = new MovableClock(START);

    @BeforeAll
    static void generateKeys() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("one").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("two").generate();
    }

    @Test
    void aRepeatedTokenIsRememberedOnce() throws Exception {
        TokenVerifier verifier = TokenVerifier.of(trust(key), clock);
        String token = token(key, "jti-1", START.plus(Duration.ofHours(1)));

        VerifiedToken first = verifier.verify(token, Set.of());
        VerifiedToken second = verifier.verify(token, Set.of());

        assertThat(second).isEqualTo(first);
        assertThat(verifier.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aCachedTokenIsRefusedOnceRevoked() throws Exception {
        TokenVerifier verifier = TokenVerifier.of(trust(key), clock);
        String token = token(key, "jti-revoked", START.plus(Duration.ofHours(1)));
        verifier.verify(token, Set.of());

        assertThatThrownBy(() -> verifier.verify(token, Set.of("jti-revoked")))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessage("Access token revoked");
    }

    @Test
    void aCachedTokenIsRefusedOnceExpired() throws Exception {
        TokenVerifier verifier = TokenVerifier.of(trust(key), clock);
        String token = token(key, "jti-expiring", START.plus(Duration.ofSeconds(60)));
        verifier.verify(token, Set.of());
        assertThat(verifier.cachedTokens()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(59));
        verifier.verify(token, Set.of());
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> verifier.verify(token, Set.of()))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessage("Access token expired");
        assertThat(verifier.cachedTokens()).isZero();
    }

    @Test
    void aCachedSignatureUnderOtherClaimsIsNoHitAndFailsItsCheck() throws Exception {
        TokenVerifier verifier = TokenVerifier.of(trust(key), clock);
        String token = token(key, "jti-real", START.plus(Duration.ofHours(1)));
        verifier.verify(token, Set.of());
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String otherClaims = token(key, "jti-forged", START.plus(Duration.ofHours(9)));
        String forged = otherClaims.substring(0, otherClaims.lastIndexOf('.') + 1) + signature;

        assertThatThrownBy(() -> verifier.verify(forged, Set.of()))
                .isInstanceOf(TokenRejectedException.class);
        assertThat(verifier.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsNotRemembered() throws Exception {
        TokenVerifier verifier = TokenVerifier.of(trust(key), clock);
        String revoked = token(key, "jti-gone", START.plus(Duration.ofHours(1)));
        String foreign = token(otherKey, "jti-foreign", START.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> verifier.verify(revoked, Set.of("jti-gone"))).isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> verifier.verify(foreign, Set.of())).isInstanceOf(TokenRejectedException.class);

        assertThat(verifier.cachedTokens()).isZero();
    }

    @Test
    void theSameTrustKeepsTheCacheAndAChangedKeySetDropsIt() throws Exception {
        TokenVerifier verifier = TokenVerifier.of(trust(key), clock);
        String token = token(key, "jti-rotated", START.plus(Duration.ofHours(1)));
        verifier.verify(token, Set.of());

        assertThat(verifier.forTrust(trust(key))).isSameAs(verifier);

        TokenVerifier rotated = verifier.forTrust(trust(otherKey));
        assertThat(rotated).isNotSameAs(verifier);
        assertThat(rotated.cachedTokens()).isZero();
        assertThatThrownBy(() -> rotated.verify(token, Set.of()))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessage("Access token is not an RS256 JWT signed by a trusted key");
    }

    @Test
    void theCacheIsBounded() throws Exception {
        TokenVerifier verifier = TokenVerifier.of(trust(key), clock, 2);
        for (int i = 0; i < 4; i++) {
            verifier.verify(token(key, "jti-" + i, START.plus(Duration.ofHours(1))), Set.of());
        }
        assertThat(verifier.cachedTokens()).isEqualTo(2);
    }

    private static TokenTrust trust(RSAKey signingKey) {
        return new TokenTrust(ISSUER, new JWKSet(signingKey.toPublicJWK()).toString());
    }

    private static String token(RSAKey signingKey, String jti, Instant expiresAt) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .claim("client_id", "client-" + UUID.randomUUID())
                .jwtID(jti)
                .issueTime(Date.from(START))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
