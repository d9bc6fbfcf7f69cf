package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every handshake refusal: an HTTP error with a JSON body before any 101, and the connection closed. */
@ExtendWith(NoLeaks.class)
class HandshakeRefusalTest {

    private static GatewayHarness harness;
    private static StubBackends.Rejecting rejecting;
    private static StubBackends.Silent silent;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness();
        rejecting = new StubBackends.Rejecting("HTTP/1.1 403 Go Away");
        silent = new StubBackends.Silent();
        TestWorld world = harness.world;
        world.subscribed(api("echo", "/echowebsocket", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        world.subscribed(api("blocked", "/blocked", "1.0", LifecycleState.BLOCKED, harness.echo.wsUrl()));
        world.subscribed(api("retired", "/retired", "1.0", LifecycleState.RETIRED, harness.echo.wsUrl()));
        world.apis.add(api("unsubscribed", "/unsubscribed", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        world.subscribed(api("sub-blocked", "/subblocked", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        world.subscriptionStatus("sub-blocked", SubscriptionStatus.BLOCKED);
        world.subscribed(api("refused", "/refused", "1.0", LifecycleState.PUBLISHED, StubBackends.refusing()));
        world.subscribed(api("rejecting", "/rejecting", "1.0", LifecycleState.PUBLISHED, rejecting.url()));
        world.subscribed(api("silent", "/silent", "1.0", LifecycleState.PUBLISHED, silent.url(),
                TestWorld.connectTimeout(Duration.ofMillis(300))));
        harness.publish();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
        rejecting.close();
        silent.close();
    }

    private static RawHttp.Response upgrade(String target, String... headers) {
        return RawHttp.upgrade(harness.gateway.wsPort(), target, headers);
    }

    private static String bearer() {
        return "Authorization: Bearer " + harness.tokens.token(TestWorld.CLIENT);
    }

    private static void assertRefusal(RawHttp.Response response, int status, String description) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.header("connection")).isEqualTo("close");
        assertThat(response.body()).startsWith("{\"code\":" + status + ",\"message\":\"" + response.reason() + "\"")
                .contains("\"description\":\"" + description);
    }

    @Test
    void refusesRequestsThatAreNotWebSocketUpgrades() {
        RawHttp.Response post = RawHttp.send(harness.gateway.wsPort(),
                "POST /echowebsocket/1.0 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertRefusal(post, 405, "Only GET can upgrade to a WebSocket (got POST)");
        assertThat(post.header("allow")).isEqualTo("GET");

        RawHttp.Response plainGet = RawHttp.send(harness.gateway.wsPort(), "GET /echowebsocket/1.0 HTTP/1.1\r\n"
                + "Host: x\r\n\r\n");
        assertRefusal(plainGet, 400, "Not a WebSocket upgrade request: 'Upgrade: websocket' is missing");

        RawHttp.Response oldVersion = RawHttp.send(harness.gateway.wsPort(), "GET /echowebsocket/1.0 HTTP/1.1\r\n"
                + "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: a2V5\r\n"
                + "Sec-WebSocket-Version: 8\r\n\r\n");
        assertRefusal(oldVersion, 426, "Unsupported WebSocket version 8 (expected: 13)");
        assertThat(oldVersion.header("sec-websocket-version")).isEqualTo("13");
    }

    @Test
    void malformedHandshakesAreRefusedWithoutAStackTrace() {
        int port = harness.gateway.wsPort();
        try (CapturedLog log = CapturedLog.open()) {
            assertRefusal(RawHttp.send(port, "\u0001\u0002garbage\u00ff\r\n\r\n"), 400, "Malformed HTTP request");
            assertRefusal(RawHttp.send(port, "GET\r\n\r\n"), 400, "Malformed HTTP request");
            assertRefusal(RawHttp.send(port, "GET /echowebsocket/1.0 HTTP/1.1 extra\r\nHost: x\r\n\r\n"), 400,
                    "Malformed HTTP request");
            assertRefusal(RawHttp.send(port, "GET /echowebsocket/1.0 HTTP/9.z\r\nHost: x\r\n\r\n"), 400,
                    "Malformed HTTP request");
            assertRefusal(upgrade("/echowebsocket/1.0", "Bad Header : x"), 400, "Malformed HTTP request");
            assertRefusal(upgrade("/echowebsocket/1.0", "no-colon-here"), 400, "Malformed HTTP request");
            assertRefusal(upgrade("/echowebsocket/1.0", "X-Ctl: a\u0000b"), 400, "Malformed HTTP request");
            assertThat(RawHttp.send(port, "GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").status())
                    .isEqualTo(414);
            assertThat(upgrade("/echowebsocket/1.0", "X-Big: " + "a".repeat(64 * 1024)).status()).isEqualTo(431);

            String noHost = "GET /echowebsocket/1.0 HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            assertRefusal(RawHttp.send(port, noHost), 400, "Missing Host header");

            assertRefusal(withKey(null), 400, "Not a WebSocket upgrade request: Sec-WebSocket-Key is missing");
            for (String key : new String[] {"a2V5", "not base64 at all!!!!!!!", "AAAAAAAAAAAAAAAAAAAA",
                    "AAAAAAAAAAAAAAAAAAAAAA==AA", "AAAAAAAAAAAAAAAAAAAAA===", ""}) {
                assertRefusal(withKey(key), 400, "Invalid Sec-WebSocket-Key (expected: base64 of 16 bytes)");
            }
            for (String method : new String[] {"PUT", "DELETE", "OPTIONS", "CONNECT"}) {
                assertThat(RawHttp.send(port, method + " /echowebsocket/1.0 HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 0\r\n\r\n").status()).as(method).isEqualTo(405);
            }
            assertThat(log.withStackTraces()).isEmpty();
        }
        // The gateway still serves.
        GatewayHarness.echoesThenCloses(harness.connect("/echowebsocket/1.0"), "after the malformed ones");
    }

    /** An upgrade request with a valid token whose Sec-WebSocket-Key is {@code key}, or none when null. */
    private static RawHttp.Response withKey(String key) {
        int port = harness.gateway.wsPort();
        return RawHttp.send(port, "GET /echowebsocket/1.0 HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + bearer() + "\r\n\r\n");
    }

    @Test
    void refusesOversizedHeaders() {
        RawHttp.Response response = upgrade("/echowebsocket/1.0", "X-Big: " + "a".repeat(10_000));
        assertThat(response.status()).isEqualTo(431);
    }

    @Test
    void unknownPathIs404AndBlockedApiIs503() {
        assertRefusal(upgrade("/nothing/here", bearer()), 404, "No API matches /nothing/here");
        assertRefusal(upgrade("/echowebsocket/2.0", bearer()), 404, "No API matches /echowebsocket/2.0");
        assertRefusal(upgrade("/retired/1.0", bearer()), 404, "No API matches /retired/1.0");
        assertRefusal(upgrade("/blocked/1.0", bearer()), 503, "API is blocked");
    }

    @Test
    void basicAuthAndApiKeysAreRefusedWithAnExplanation() {
        String explanation = "Basic auth and API keys are not supported for WebSocket APIs; send an OAuth2 access "
                + "token as 'Authorization: Bearer <token>', the subprotocols 'access_token, <token>' or the "
                + "access_token query parameter";
        RawHttp.Response basic = upgrade("/echowebsocket/1.0", "Authorization: Basic YWxpY2U6c2VjcmV0");
        assertRefusal(basic, 401, explanation);
        assertThat(basic.header("www-authenticate")).startsWith("Bearer");
        assertRefusal(upgrade("/echowebsocket/1.0", "apikey: abc"), 401, explanation);
        assertRefusal(upgrade("/echowebsocket/1.0?apikey=abc"), 401, explanation);
        assertRefusal(upgrade("/echowebsocket/1.0?api_key=abc"), 401, explanation);
    }

    @Test
    void missingTokenIs401WithBearerChallenge() {
        RawHttp.Response response = upgrade("/echowebsocket/1.0");
        assertRefusal(response, 401, "Missing access token");
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer");
    }

    @Test
    /** Forged, tampered and stale tokens have their own suite, {@link ForgedCredentialsTest}. */
    void badTokensAre401WithTheirReasonAndNeverEchoTheToken() {
        TestTokens tokens = harness.tokens;
        String garbage = "not.a.jwt";
        RawHttp.Response garbageResponse = upgrade("/echowebsocket/1.0", "Authorization: Bearer " + garbage);
        assertRefusal(garbageResponse, 401, "Malformed access token");
        assertThat(garbageResponse.body()).doesNotContain(garbage);

        String unknownClient = tokens.token("client-nobody");
        assertRefusal(upgrade("/echowebsocket/1.0", "Authorization: Bearer " + unknownClient), 401,
                "Token's application is not known");

        String noJti = tokens.token(tokens.claims(TestWorld.CLIENT, null, Instant.now().plusSeconds(600)).build());
        assertRefusal(upgrade("/echowebsocket/1.0", "Authorization: Bearer " + noJti), 401,
                "Access token has no token id (jti)");
    }

    @Test
    void revokedTokenIs401() {
        String jti = UUID.randomUUID().toString();
        String token = harness.tokens.token(TestWorld.CLIENT, jti, Instant.now().plusSeconds(600));
        harness.world.revoked.add(jti);
        harness.publish();
        assertRefusal(upgrade("/echowebsocket/1.0?access_token=" + token), 401, "Access token revoked");
    }

    @Test
    void unsubscribedOrBlockedSubscriptionIs403() {
        assertRefusal(upgrade("/unsubscribed/1.0", bearer()), 403,
                "Application DefaultApplication is not subscribed to API Api-unsubscribed:1.0");
        assertRefusal(upgrade("/subblocked/1.0", bearer()), 403, "Subscription is blocked");
    }

    @Test
    void backendFailuresAreAnsweredBeforeAny101() {
        assertRefusal(upgrade("/refused/1.0", bearer()), 502, "Backend refused the connection");

        RawHttp.Response rejected = upgrade("/rejecting/1.0", bearer());
        assertThat(rejected.reason()).isEqualTo("Go Away");
        assertRefusal(rejected, 403, "Backend refused the WebSocket handshake: 403 Go Away");

        long started = System.nanoTime();
        assertRefusal(upgrade("/silent/1.0", bearer()), 504, "Backend did not complete the WebSocket handshake");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
