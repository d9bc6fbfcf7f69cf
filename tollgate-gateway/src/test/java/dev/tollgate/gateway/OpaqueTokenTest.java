package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Opaque access tokens, validated through a {@link TokenIntrospector} that answers on its own thread: cached up to
 * a bound, refused when inactive or revoked (cached or not), closed at expiry, and 503 when the key manager fails.
 */
@ExtendWith(NoLeaks.class)
class OpaqueTokenTest {

    private static final int CACHE_SIZE = 2;
    private static final Duration INTROSPECTION_TIMEOUT = Duration.ofMillis(500);
    private static final FakeKeyManager KEY_MANAGER = new FakeKeyManager();
    private static GatewayHarness harness;

    /** Answers from a map, on its own thread; counts the questions; can fail or stay silent. */
    static final class FakeKeyManager implements TokenIntrospector {

        final Map<String, IntrospectedToken> active = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile String mode = "answer";
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        @Override
        public CompletionStage<Optional<IntrospectedToken>> introspect(String token) {
            calls.incrementAndGet();
            return switch (mode) {
                case "fail" -> CompletableFuture.failedFuture(new IllegalStateException("database down"));
                case "silent" -> new CompletableFuture<>();
                default -> CompletableFuture.supplyAsync(() -> Optional.ofNullable(active.get(token)), thread);
            };
        }

        String issue(String token, String jti, Instant expiresAt) {
            active.put(token, new IntrospectedToken(jti, TestWorld.CLIENT, expiresAt));
            return token;
        }

        String issue(String token) {
            return issue(token, "jti-" + token, Instant.now().plusSeconds(3600));
        }
    }

    @BeforeAll
    static void start() {
        harness = GatewayHarness.withEchoApi(config -> config.tokenIntrospector(KEY_MANAGER)
                .introspectionCacheSize(CACHE_SIZE)
                .introspectionTimeout(INTROSPECTION_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        harness.close();
        KEY_MANAGER.thread.shutdownNow();
    }

    @BeforeEach
    void answerAgain() {
        KEY_MANAGER.mode = "answer";
    }

    private static RecordingWebSocket connect(String token) {
        return RecordingWebSocket.connect(harness.ws(GatewayHarness.ECHO_PATH), GatewayHarness.bearer(token), null);
    }

    /** A connection with {@code token} that has relayed one message, and stays open. */
    private static RecordingWebSocket relaying(String token) {
        RecordingWebSocket live = connect(token);
        live.sendText("relayed");
        assertThat(live.nextText()).isEqualTo("relayed");
        return live;
    }

    private static RawHttp.Response upgrade(String token) {
        return RawHttp.upgrade(harness.gateway.wsPort(), GatewayHarness.ECHO_PATH, "Authorization: Bearer " + token);
    }

    private static void assertRefused(RawHttp.Response response, int status, String description) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).contains("\"description\":\"" + description + "\"");
    }

    @Test
    void anActiveTokenGetsTheEchoAndItsAnswerIsCached() {
        String token = KEY_MANAGER.issue("opaque-cached");
        int before = KEY_MANAGER.calls.get();
        GatewayHarness.echoesThenCloses(connect(token), "opaque");
        GatewayHarness.echoesThenCloses(connect(token), "again");
        assertThat(KEY_MANAGER.calls.get() - before).isEqualTo(1);
    }

    @Test
    void theCacheKeepsOnlyTheMostRecentlyUsedAnswers() {
        String a = KEY_MANAGER.issue("opaque-a");
        String b = KEY_MANAGER.issue("opaque-b");
        String c = KEY_MANAGER.issue("opaque-c");
        int before = KEY_MANAGER.calls.get();
        for (String token : new String[] {a, b, c}) {
            GatewayHarness.echoesThenCloses(connect(token), token);
        }
        assertThat(KEY_MANAGER.calls.get() - before).isEqualTo(3);
        // Two entries fit: a was dropped for c, so it is asked again (and b is dropped for it); c is still there.
        GatewayHarness.echoesThenCloses(connect(a), "a again");
        assertThat(KEY_MANAGER.calls.get() - before).isEqualTo(4);
        GatewayHarness.echoesThenCloses(connect(c), "c again");
        assertThat(KEY_MANAGER.calls.get() - before).isEqualTo(4);
    }

    @Test
    void anInactiveTokenIs401() {
        RawHttp.Response response = upgrade("opaque-unknown");
        assertRefused(response, 401, "Access token is not active");
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(response.body()).doesNotContain("opaque-unknown");
    }

    @Test
    void aRevokedTokenClosesItsConnectionAndIsRefusedEvenFromTheCache() {
        String token = KEY_MANAGER.issue("opaque-revoked", "jti-revoked", Instant.now().plusSeconds(3600));
        RecordingWebSocket live = relaying(token);
        int before = KEY_MANAGER.calls.get();

        harness.world.revoked.add("jti-revoked");
        harness.publish();
        RecordingWebSocket.Close close = live.awaitClose(Duration.ofSeconds(1));
        assertThat(close.code()).isEqualTo(CloseCodes.TOKEN_INVALID);
        assertThat(close.reason()).contains("revoked");

        assertRefused(upgrade(token), 401, "Access token revoked");
        assertThat(KEY_MANAGER.calls.get()).as("answered from the cache").isEqualTo(before);
    }

    @Test
    void anExpiringTokenClosesItsConnectionWith4001() {
        String token = KEY_MANAGER.issue("opaque-expiring", "jti-expiring", Instant.now().plusMillis(1500));
        RecordingWebSocket live = relaying(token);
        RecordingWebSocket.Close close = live.awaitClose(Duration.ofSeconds(4));
        assertThat(close.code()).isEqualTo(CloseCodes.TOKEN_EXPIRED);
        assertThat(close.reason()).contains("expired");
        assertRefused(upgrade(token), 401, "Access token expired");
    }

    @Test
    void aFailingOrSilentKeyManagerIs503AndTheGatewayKeepsServing() {
        try (CapturedLog log = CapturedLog.open()) {
            KEY_MANAGER.mode = "fail";
            assertRefused(upgrade("opaque-while-failing"), 503,
                    "Access token cannot be checked now: the key manager failed");
            KEY_MANAGER.mode = "silent";
            long started = System.nanoTime();
            assertRefused(upgrade("opaque-while-silent"), 503,
                    "Access token cannot be checked now: the key manager did not answer in time");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(INTROSPECTION_TIMEOUT).isLessThan(Duration.ofSeconds(3));
            assertThat(log.withStackTraces()).isEmpty();
            assertThat(log.messages()).noneMatch(line -> line.contains("opaque-while"));
        }
        KEY_MANAGER.mode = "answer";
        GatewayHarness.echoesThenCloses(connect(KEY_MANAGER.issue("opaque-after")), "after");
    }

    @Test
    void jwtsAreStillVerifiedOfflineWithoutTheIntrospector() {
        int before = KEY_MANAGER.calls.get();
        GatewayHarness.echoesThenCloses(harness.connect(GatewayHarness.ECHO_PATH), "jwt");
        assertRefused(upgrade("not.a.jwt"), 401, "Malformed access token: not a signed JWT");
        assertThat(KEY_MANAGER.calls.get()).isEqualTo(before);
    }
}
