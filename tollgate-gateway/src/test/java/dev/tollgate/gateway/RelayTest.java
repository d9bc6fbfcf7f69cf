package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.echo.EchoHandshake;
import dev.tollgate.echo.EchoServer;
import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.LifecycleState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accepted connections: what reaches the backend, and how frames and closes cross the gateway. */
@ExtendWith(NoLeaks.class)
class RelayTest {

    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness();
        harness.world.subscribed(api("echo", "/echowebsocket", "1.0", LifecycleState.PUBLISHED,
                harness.echo.wsUrl()));
        harness.world.subscribed(api("secure", "/secure/echo", "v1", LifecycleState.PUBLISHED,
                harness.echo.wssUrl()));
        harness.publish();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void forgetEarlierHandshakes() {
        harness.backendHandshakes.clear();
    }

    @Test
    void echoesThroughTheGatewayOverWsWithHeaderToken() throws Exception {
        RecordingWebSocket client = harness.connect("/echowebsocket/1.0");
        client.sendText("hello");
        assertThat(client.nextText()).isEqualTo("hello");
        client.sendClose(CloseCodes.NORMAL, "bye");
        assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.NORMAL);
        assertThat(harness.nextBackendHandshake().header("authorization")).isNull();
    }

    @Test
    void echoesOverWssToAWssBackend() {
        RecordingWebSocket client = RecordingWebSocket.connect(harness.wss("/secure/echo/v1"),
                GatewayHarness.bearer(harness.tokens.token(TestWorld.CLIENT)), GatewayHarness.TLS.clientContext());
        GatewayHarness.echoesThenCloses(client, "over tls");
    }

    @Test
    void queryTokenWorksAndNeverReachesTheBackend() throws Exception {
        String token = harness.tokens.token(TestWorld.CLIENT);
        RecordingWebSocket client = RecordingWebSocket.connect(
                harness.ws("/echowebsocket/1.0.0/room/42?a=1&access_token=" + token + "&b=x%20y"),
                Map.of("Origin", "https://app.example", "Cookie", "session=s1", "X-Custom", "kept"), null);
        client.sendText("q");
        assertThat(client.nextText()).isEqualTo("q");

        EchoHandshake seen = harness.nextBackendHandshake();
        assertThat(seen.uri()).isEqualTo("/echo/room/42?a=1&b=x%20y");
        assertThat(seen.uri()).doesNotContain(token);
        assertThat(seen.headers().values().toString()).doesNotContain(token);
        assertThat(seen.header("origin")).isEqualTo("https://app.example");
        assertThat(seen.header("cookie")).isEqualTo("session=s1");
        assertThat(seen.header("x-custom")).isEqualTo("kept");
        assertThat(seen.header("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(seen.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(seen.header("x-forwarded-host")).isEqualTo("127.0.0.1:" + harness.gateway.wsPort());
        assertThat(seen.header("host")).isEqualTo("localhost:" + harness.echo.wsPort());
        client.sendClose(CloseCodes.NORMAL, "");
        client.awaitClose();
    }

    @Test
    void subprotocolChosenByTheBackendReachesTheClient() throws Exception {
        RecordingWebSocket offering = harness.connect("/echowebsocket/1", "mqtt", "graphql-ws");
        assertThat(offering.subprotocol()).isEqualTo("mqtt");
        assertThat(harness.nextBackendHandshake().header("sec-websocket-protocol")).isEqualTo("mqtt, graphql-ws");
        offering.sendClose(CloseCodes.NORMAL, "");
        offering.awaitClose();

        RecordingWebSocket plain = harness.connect("/echowebsocket/1.0");
        assertThat(plain.subprotocol()).isEmpty();
        plain.sendClose(CloseCodes.NORMAL, "");
        plain.awaitClose();
    }

    @Test
    void binaryLargeAndFragmentedMessagesPassThrough() {
        RecordingWebSocket client = harness.connect("/echowebsocket/1.0");
        client.sendBinary(new byte[] {0, 1, 2, (byte) 255});
        assertThat(client.nextBinary()).containsExactly(0, 1, 2, 255);

        byte[] mebibyte = new byte[1024 * 1024];
        new Random(42).nextBytes(mebibyte);
        client.sendBinary(mebibyte);
        assertThat(client.nextBinary()).isEqualTo(mebibyte);

        client.sendTextFragments("one ", "two ", "three");
        assertThat(client.nextText()).isEqualTo("one two three");

        client.sendPing("ping-through".getBytes(StandardCharsets.UTF_8));
        assertThat(StandardCharsets.UTF_8.decode(client.nextPong()).toString()).isEqualTo("ping-through");
        client.sendClose(CloseCodes.NORMAL, "");
        client.awaitClose();
    }

    @Test
    void clientCloseCodeReachesTheBackendAndItsAnswerComesBack() {
        // The echo backend answers a close with the code it received, so the code the client gets back has made
        // the round trip client -> gateway -> backend -> gateway -> client.
        RecordingWebSocket client = harness.connect("/echowebsocket/1.0");
        client.sendClose(4321, "custom reason");
        RecordingWebSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(4321);
    }

    @Test
    void backendLossClosesTheClientWithin1001InASecond() {
        EchoServer doomed = EchoServer.start(EchoServer.Config.defaults());
        harness.world.subscribed(api("doomed", "/doomed", "1.0", LifecycleState.PUBLISHED, doomed.wsUrl()));
        harness.publish();
        RecordingWebSocket client = harness.connect("/doomed/1.0");
        client.sendText("still there?");
        assertThat(client.nextText()).isEqualTo("still there?");

        doomed.close();
        RecordingWebSocket.Close close = client.awaitClose(Duration.ofSeconds(1));
        assertThat(close.code()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(close.reason()).isEqualTo("Backend went away");
    }

    @Test
    void clientLossEndsTheRelayedConnection() {
        RecordingWebSocket client = harness.connect("/echowebsocket/1.0");
        client.sendText("x");
        client.nextText();
        int before = harness.gateway.openConnections();
        assertThat(before).isPositive();
        client.abort();
        await().atMost(Duration.ofSeconds(2))
                .until(() -> harness.gateway.openConnections() < before);
    }

    @Test
    void secureGatewayPortServesPlainBackendsToo() {
        URI uri = harness.wss("/echowebsocket/1.0");
        RecordingWebSocket client = RecordingWebSocket.connect(uri,
                GatewayHarness.bearer(harness.tokens.token(TestWorld.CLIENT)), GatewayHarness.TLS.clientContext());
        GatewayHarness.echoesThenCloses(client, "mixed");
    }
}
