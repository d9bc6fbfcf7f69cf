package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.SubscriptionStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forged, tampered, stale and oversized credentials: each is refused with 401 (431 or 414 when too large, 403 for a
 * subscription that lets no traffic through) and a reason that never quotes the token; nothing is logged as a fault,
 * and a valid token still gets its echo after all of them.
 */
@ExtendWith(NoLeaks.class)
class ForgedCredentialsTest {

    private static final String INVALID_SIGNATURE = "Invalid access token signature";
    private static final String UNTRUSTED = "Access token is not an RS256 JWT signed by a trusted key";
    private static final String MALFORMED = "Malformed access token: not a signed JWT";
    private static final int OVERSIZED = 64 * 1024;

    private static GatewayHarness harness;
    private static TestTokens tokens;
    private static CapturedLog log;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness();
        tokens = harness.tokens;
        harness.world.subscribed(api("echo", "/echowebsocket", "1.0", LifecycleState.PUBLISHED,
                harness.echo.wsUrl()));
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            if (!status.allowsTraffic()) {
                String id = status.name().toLowerCase(Locale.ROOT);
                harness.world.subscribed(api(id, "/" + id.replace("_", ""), "1.0", LifecycleState.PUBLISHED,
                        harness.echo.wsUrl()));
                harness.world.subscriptionStatus(id, status);
            }
        }
        harness.publish();
        log = CapturedLog.open();
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(log.withStackTraces()).as("client mistakes logged as faults").isEmpty();
        } finally {
            log.close();
            harness.close();
        }
    }

    private static JWTClaimsSet.Builder claims() {
        return tokens.claims(TestWorld.CLIENT, UUID.randomUUID().toString(), Instant.now().plusSeconds(600));
    }

    private static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(tokens.keyId());
    }

    private static RSAKey stranger(String keyId) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(keyId).generate();
    }

    /** Sends {@code token} as a bearer token and checks the refusal, its reason, and that it never quotes it. */
    private static void assertRefused(String token, int status, String reason) {
        RawHttp.Response response = RawHttp.upgrade(harness.gateway.wsPort(), "/echowebsocket/1.0",
                "Authorization: Bearer " + token);
        assertThat(response.status()).as(reason).isEqualTo(status);
        assertThat(response.body()).contains("\"description\":\"" + reason);
        if (token.length() > "Bearer".length()) {
            assertThat(response.body()).doesNotContain(token);
            assertThat(response.headers().values()).noneMatch(value -> value.contains(token));
        }
        if (status == 401) {
            assertThat(response.header("www-authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void unsignedTokensAreRefused() {
        assertRefused(new PlainJWT(claims().build()).serialize(), 401, UNTRUSTED);
        String noneWithSignature = new PlainJWT(claims().build()).serialize()
                + Base64URL.encode("fake".getBytes(StandardCharsets.UTF_8));
        assertRefused(noneWithSignature, 401, MALFORMED);
    }

    @Test
    void theRsaPublicKeyIsNotAnHmacSecret() throws Exception {
        RSAKey published = JWKSet.parse(tokens.trust().publicJwkSet()).getKeys().get(0).toRSAKey();
        byte[][] secrets = {
            published.toRSAPublicKey().getEncoded(),
            tokens.trust().publicJwkSet().getBytes(StandardCharsets.UTF_8),
            published.toJSONString().getBytes(StandardCharsets.UTF_8),
        };
        for (byte[] secret : secrets) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(tokens.keyId()).build(),
                    claims().build());
            jwt.sign(new MACSigner(secret));
            assertRefused(jwt.serialize(), 401, UNTRUSTED);
        }
    }

    @Test
    void onlyTheKeyManagersKeysAreTrusted() throws Exception {
        assertRefused(tokens.sign(rs256().keyID("unknown-kid").build(), claims().build()), 401, UNTRUSTED);
        assertRefused(tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(tokens.keyId()).build(),
                claims().build()), 401, UNTRUSTED);
        assertRefused(TestTokens.sign(claims().build(), stranger(tokens.keyId())), 401, INVALID_SIGNATURE);
        assertRefused(TestTokens.sign(claims().build(), stranger("stranger")), 401, UNTRUSTED);

        // A key carried in the token itself, or a key set URL, must not be trusted.
        RSAKey attacker = stranger(tokens.keyId());
        SignedJWT embedded = new SignedJWT(rs256().jwk(attacker.toPublicJWK()).build(), claims().build());
        embedded.sign(new RSASSASigner(attacker));
        assertRefused(embedded.serialize(), 401, INVALID_SIGNATURE);
        SignedJWT fromUrl = new SignedJWT(rs256().jwkURL(URI.create("http://127.0.0.1:1/jwks")).build(),
                claims().build());
        fromUrl.sign(new RSASSASigner(attacker));
        assertRefused(fromUrl.serialize(), 401, INVALID_SIGNATURE);
    }

    @Test
    void aTamperedOrTruncatedTokenIsRefused() {
        String valid = tokens.token(TestWorld.CLIENT);
        String[] parts = valid.split("\\.");
        String otherClaims = Base64URL.encode(claims().claim("client_id", "client-admin")
                .expirationTime(Date.from(Instant.now().plusSeconds(86_400 * 365))).build().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertRefused(parts[0] + "." + otherClaims + "." + parts[2], 401, INVALID_SIGNATURE);
        String flipped = parts[2].charAt(5) == 'A' ? "B" : "A";
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 5) + flipped
                + parts[2].substring(6), 401, INVALID_SIGNATURE);

        assertRefused(valid.substring(0, valid.length() - 10), 401, INVALID_SIGNATURE);
        assertRefused(parts[0] + "." + parts[1] + ".", 401, MALFORMED);
        assertRefused(parts[0] + "." + parts[1], 401, MALFORMED);
        assertRefused(parts[0], 401, MALFORMED);
        assertRefused(valid.substring(0, parts[0].length() / 2), 401, MALFORMED);
        assertRefused("..", 401, MALFORMED);
        assertRefused("Bearer", 401, MALFORMED);
    }

    @Test
    void staleOrMisdirectedClaimsAreRefused() {
        assertRefused(tokens.token(claims().expirationTime(Date.from(Instant.now().minusSeconds(1))).build()), 401,
                "Access token expired");
        assertRefused(tokens.token(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build()), 401,
                "Access token is not valid yet");
        assertRefused(tokens.token(claims().issuer("https://evil.example/oauth2/token").build()), 401,
                "Access token was not issued by this key manager");
        assertRefused(tokens.token(claims().issuer(null).build()), 401,
                "Access token was not issued by this key manager");
        assertRefused(tokens.token(claims().expirationTime(null).build()), 401, "Access token has no expiry (exp)");
        assertRefused(tokens.token(claims().claim("client_id", null).build()), 401, "Access token has no client_id");
        assertRefused(tokens.token(claims().claim("client_id", 42).build()), 401,
                "Access token's client_id is not a string");
    }

    @Test
    void oversizedTokensAreRefusedWithoutHarm() {
        String huge = tokens.token(claims().claim("padding", "x".repeat(OVERSIZED)).build());
        int port = harness.gateway.wsPort();
        assertThat(RawHttp.upgrade(port, "/echowebsocket/1.0", "Authorization: Bearer " + huge).status())
                .isEqualTo(431);
        assertThat(RawHttp.upgrade(port, "/echowebsocket/1.0", "Sec-WebSocket-Protocol: access_token, " + huge)
                .status()).isEqualTo(431);
        assertThat(RawHttp.upgrade(port, "/echowebsocket/1.0?access_token=" + huge).status()).isEqualTo(414);
        assertRefused("a".repeat(6_000), 401, MALFORMED);
    }

    @Test
    void aSubscriptionThatLetsNoTrafficThroughIs403() {
        String token = tokens.token(TestWorld.CLIENT);
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            if (!status.allowsTraffic()) {
                RawHttp.Response response = RawHttp.upgrade(harness.gateway.wsPort(),
                        "/" + status.name().toLowerCase(Locale.ROOT).replace("_", "") + "/1.0", "Authorization: Bearer " + token);
                assertThat(response.status()).as(status.name()).isEqualTo(403);
                assertThat(response.body()).contains("Subscription is blocked").doesNotContain(token);
            }
        }
    }

    @Test
    void aValidTokenStillWorksAfterAllOfThem() {
        unsignedTokensAreRefused();
        aTamperedOrTruncatedTokenIsRefused();
        oversizedTokensAreRefusedWithoutHarm();
        GatewayHarness.echoesThenCloses(harness.connect("/echowebsocket/1.0"), "still serving");
    }
}
