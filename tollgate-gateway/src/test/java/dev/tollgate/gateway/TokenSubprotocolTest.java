package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.EchoHandshake;
import dev.tollgate.echo.RecordingWebSocket;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser's token in its subprotocols ({@code new WebSocket(url, ["access_token", token])}): accepted after the
 * Authorization header and before the query parameter, and never forwarded, echoed, logged or used as a label.
 */
@ExtendWith(NoLeaks.class)
class TokenSubprotocolTest {

    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = GatewayHarness.withEchoApi(config -> config.meterRegistry(REGISTRY));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void forgetEarlierHandshakes() {
        harness.backendHandshakes.clear();
    }

    private static RecordingWebSocket connect(String pathAndQuery, Map<String, String> headers,
            String... subprotocols) {
        return RecordingWebSocket.connect(harness.ws(pathAndQuery), headers, null, subprotocols);
    }

    private static void assertTokenNotIn(EchoHandshake handshake, String token) {
        assertThat(handshake.uri()).doesNotContain(token).doesNotContain("access_token");
        handshake.headers().forEach((name, values) -> assertThat(values).as(name)
                .noneMatch(value -> value.contains(token) || value.contains("access_token")));
    }

    @Test
    void onlyTheTokenEntriesAreAnsweredWithTheMarkerAndNothingReachesTheBackend() throws Exception {
        String token = harness.tokens.token(TestWorld.CLIENT);
        RecordingWebSocket client = connect(GatewayHarness.ECHO_PATH, Map.of(), "access_token", token);
        assertThat(client.subprotocol()).isEqualTo("access_token");
        EchoHandshake backend = harness.nextBackendHandshake();
        assertThat(backend.header("sec-websocket-protocol")).isNull();
        assertThat(backend.subprotocol()).isNull();
        assertTokenNotIn(backend, token);
        GatewayHarness.echoesThenCloses(client, "from a browser");
    }

    @Test
    void theBackendChoosesAmongTheOtherSubprotocols() throws Exception {
        String token = harness.tokens.token(TestWorld.CLIENT);
        RecordingWebSocket first = connect(GatewayHarness.ECHO_PATH, Map.of(), "access_token", token, "chat", "v2");
        // The echo backend selects the first subprotocol offered to it.
        assertThat(first.subprotocol()).isEqualTo("chat");
        EchoHandshake backend = harness.nextBackendHandshake();
        assertThat(backend.header("sec-websocket-protocol")).isEqualTo("chat, v2");
        assertTokenNotIn(backend, token);
        GatewayHarness.echoesThenCloses(first, "chat");

        RecordingWebSocket last = connect(GatewayHarness.ECHO_PATH, Map.of(), "v3", "access_token", token);
        assertThat(last.subprotocol()).isEqualTo("v3");
        EchoHandshake second = harness.nextBackendHandshake();
        assertThat(second.header("sec-websocket-protocol")).isEqualTo("v3");
        assertTokenNotIn(second, token);
        GatewayHarness.echoesThenCloses(last, "v3");
    }

    @Test
    void theAuthorizationHeaderComesFirstAndTheQueryParameterLast() throws Exception {
        String valid = harness.tokens.token(TestWorld.CLIENT);
        String forged = "forged.token.value";

        RecordingWebSocket headerWins = connect(GatewayHarness.ECHO_PATH, GatewayHarness.bearer(valid),
                "access_token", forged);
        assertTokenNotIn(harness.nextBackendHandshake(), forged);
        GatewayHarness.echoesThenCloses(headerWins, "header");

        RawHttp.Response refused = RawHttp.upgrade(harness.gateway.wsPort(), GatewayHarness.ECHO_PATH,
                "Authorization: Bearer " + forged, "Sec-WebSocket-Protocol: access_token, " + valid);
        assertThat(refused.status()).isEqualTo(401);

        RecordingWebSocket subprotocolWins = connect("/echowebsocket/1.0?access_token=" + forged + "&x=1", Map.of(),
                "access_token", valid);
        EchoHandshake backend = harness.nextBackendHandshake();
        assertTokenNotIn(backend, valid);
        assertTokenNotIn(backend, forged);
        assertThat(backend.uri()).endsWith("?x=1");
        GatewayHarness.echoesThenCloses(subprotocolWins, "subprotocol");
    }

    @Test
    void aRefusedTokenIsNeitherEchoedNorLoggedNorALabel() {
        String expired = harness.tokens.token(TestWorld.CLIENT, "jti-expired", Instant.now().minusSeconds(30));
        String garbage = "c29tZS1vcGFxdWUtZ2FyYmFnZQ";
        try (CapturedLog log = CapturedLog.openAtDebug()) {
            for (String token : List.of(expired, garbage)) {
                RawHttp.Response response = RawHttp.upgrade(harness.gateway.wsPort(), GatewayHarness.ECHO_PATH,
                        "Sec-WebSocket-Protocol: access_token, " + token);
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.body()).doesNotContain(token);
                assertThat(response.headers().values()).noneMatch(value -> value.contains(token));
            }
            String valid = harness.tokens.token(TestWorld.CLIENT);
            RecordingWebSocket accepted = connect(GatewayHarness.ECHO_PATH, Map.of(), "access_token", valid, "chat");
            GatewayHarness.echoesThenCloses(accepted, "logged?");
            assertThat(log.messages()).isNotEmpty()
                    .noneMatch(line -> line.contains(expired) || line.contains(garbage) || line.contains(valid)
                            || line.contains("access_token, "));
        }
        for (Meter meter : REGISTRY.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).as(meter.getId().getName()).doesNotContain(expired).doesNotContain(garbage);
            }
        }
    }
}
