package dev.tollgate.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tollgate.model.TokenTrust;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies RS256 JWT access tokens against one snapshot's {@link TokenTrust}: signature, issuer, expiry,
 * not-before, token id and revocation.
 *
 * <p>Built once per key set, so the key set is parsed once, not per handshake, and kept across snapshots that do not
 * change the trust. Nimbus checks the signature; the claims are checked here so that each failure gets its own
 * description for the client. Tokens whose signature checked out are remembered until their expiry, so that a client
 * that reconnects with the same token costs no RSA; their claims, revocation included, are checked every time.
 */
public final class TokenVerifier {

    /** RFC 9068 access tokens are typed {@code at+jwt}; plain {@code JWT} and an absent type are accepted too. */
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    private static final String CLIENT_ID_CLAIM = "client_id";
    /** At most this many verified tokens are remembered per key set: about 10 MB at most. */
    static final int CACHED_TOKENS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);

    private final TokenTrust trust;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final Clock clock;
    private final VerifiedTokenCache verified;

    private TokenVerifier(TokenTrust trust, DefaultJWTProcessor<SecurityContext> processor, Clock clock,
            int cachedTokens) {
        this.trust = trust;
        this.processor = processor;
        this.issuer = trust.issuer();
        this.clock = clock;
        this.verified = new VerifiedTokenCache(cachedTokens);
    }

    /**
     * A verifier for this trust. When the key set cannot be parsed every token is refused, and the reason is logged
     * once here rather than on every handshake.
     */
    public static TokenVerifier of(TokenTrust trust, Clock clock) {
        return of(trust, clock, CACHED_TOKENS);
    }

    static TokenVerifier of(TokenTrust trust, Clock clock, int cachedTokens) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN_TYPE, null));
        // Claims are checked by verifyClaims, which can say precisely what is wrong.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        try {
            JWKSet keys = JWKSet.parse(trust.publicJwkSet()).toPublicJWKSet();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
            return new TokenVerifier(trust, processor, clock, cachedTokens);
        } catch (ParseException e) {
            log.error("The key manager's public JWK set cannot be parsed; every access token will be refused: {}",
                    e.getMessage());
            return new TokenVerifier(trust, null, clock, cachedTokens);
        }
    }

    /**
     * This verifier, with the tokens it remembers, when {@code next} is the trust it was built for; else a new one.
     * A changed key set or issuer thus forgets every verified token.
     */
    public TokenVerifier forTrust(TokenTrust next) {
        return trust.equals(next) ? this : of(next, clock, CACHED_TOKENS);
    }

    /** Verifies a token, or says why it is refused. */
    public VerifiedToken verify(CharSequence token, Set<String> revokedTokenIds) throws TokenRejectedException {
        if (processor == null) {
            throw new TokenRejectedException("Access tokens cannot be verified: the key manager's keys are not "
                    + "available");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = verified.get(token, now);
        if (claims == null) {
            claims = verifySignature(token.toString());
            VerifiedToken accepted = verifyClaims(claims, revokedTokenIds, now);
            verified.put(token, claims, now);
            return accepted;
        }
        return verifyClaims(claims, revokedTokenIds, now);
    }

    int cachedTokens() {
        return verified.size();
    }

    private JWTClaimsSet verifySignature(String token) throws TokenRejectedException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new TokenRejectedException("Malformed access token: not a signed JWT");
        } catch (BadJWSException e) {
            throw new TokenRejectedException("Invalid access token signature");
        } catch (BadJOSEException e) {
            throw new TokenRejectedException("Access token is not an RS256 JWT signed by a trusted key");
        } catch (JOSEException e) {
            throw new TokenRejectedException("Access token signature cannot be checked");
        }
        return claims;
    }

    private VerifiedToken verifyClaims(JWTClaimsSet claims, Set<String> revokedTokenIds, Instant now)
            throws TokenRejectedException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenRejectedException("Access token was not issued by this key manager");
        }
        Date expiration = claims.getExpirationTime();
        if (expiration == null) {
            throw new TokenRejectedException("Access token has no expiry (exp)");
        }
        if (!expiration.toInstant().isAfter(now)) {
            throw new TokenRejectedException("Access token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now)) {
            throw new TokenRejectedException("Access token is not valid yet");
        }
        String tokenId = claims.getJWTID();
        if (tokenId == null || tokenId.isBlank()) {
            throw new TokenRejectedException("Access token has no token id (jti)");
        }
        if (revokedTokenIds.contains(tokenId)) {
            throw new TokenRejectedException("Access token revoked");
        }
        String clientId;
        try {
            clientId = claims.getStringClaim(CLIENT_ID_CLAIM);
        } catch (ParseException e) {
            throw new TokenRejectedException("Access token's client_id is not a string");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new TokenRejectedException("Access token has no client_id");
        }
        return new VerifiedToken(tokenId, clientId, expiration.toInstant());
    }
}
