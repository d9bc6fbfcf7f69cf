package dev.tollgate.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EchoServerTest {

    private static final SelfSignedTls TLS = SelfSignedTls.localhost();
    private static final BlockingQueue<EchoHandshake> HANDSHAKES = new LinkedBlockingQueue<>();
    private static EchoServer echo;

    @BeforeAll
    static void start() {
        echo = EchoServer.start(EchoServer.Config.defaults()
                .wss(0, TLS.key(), TLS.certificate())
                .handshakeListener(HANDSHAKES::add));
    }

    @AfterAll
    static void stop() {
        echo.close();
    }

    @Test
    void bindsEphemeralPortsAndReportsThem() {
        assertThat(echo.wsPort()).isPositive();
        assertThat(echo.wssPort()).isPositive().isNotEqualTo(echo.wsPort());
        assertThat(echo.wsUrl().toString()).isEqualTo("ws://localhost:" + echo.wsPort() + "/echo");
        assertThat(echo.wssUrl().toString()).isEqualTo("wss://localhost:" + echo.wssPort() + "/echo");
    }

    @Test
    void echoesTextBinaryAndFragmentsOverWs() {
        RecordingWebSocket client = RecordingWebSocket.connect(echo.wsUrl().resolve("/any/path?x=1"));
        client.sendText("hello");
        assertThat(client.nextText()).isEqualTo("hello");
        client.sendBinary(new byte[] {1, 2, 3});
        assertThat(client.nextBinary()).containsExactly(1, 2, 3);
        client.sendTextFragments("frag", "men", "ted");
        assertThat(client.nextText()).isEqualTo("fragmented");
        client.sendClose(1000, "done");
        assertThat(client.awaitClose().code()).isEqualTo(1000);
    }

    @Test
    void echoesOverWss() {
        RecordingWebSocket client = RecordingWebSocket.connect(echo.wssUrl(), Map.of(), TLS.clientContext());
        client.sendText("secure");
        assertThat(client.nextText()).isEqualTo("secure");
        client.sendClose(1000, "");
    }

    @Test
    void answersPingsAndEchoesTheCloseCode() {
        RecordingWebSocket client = RecordingWebSocket.connect(echo.wsUrl());
        client.sendPing("are you there".getBytes(StandardCharsets.UTF_8));
        ByteBuffer pong = client.nextPong();
        assertThat(StandardCharsets.UTF_8.decode(pong).toString()).isEqualTo("are you there");
        client.sendClose(4321, "custom");
        assertThat(client.awaitClose().code()).isEqualTo(4321);
    }

    @Test
    void selectsTheFirstOfferedSubprotocolOrNone() {
        RecordingWebSocket offering = RecordingWebSocket.connect(echo.wsUrl(), Map.of(), null, "mqtt", "graphql-ws");
        assertThat(offering.subprotocol()).isEqualTo("mqtt");
        offering.sendClose(1000, "");
        RecordingWebSocket plain = RecordingWebSocket.connect(echo.wsUrl());
        assertThat(plain.subprotocol()).isEmpty();
        plain.sendClose(1000, "");
    }

    @Test
    void reportsEachHandshakeToTheListener() throws InterruptedException {
        HANDSHAKES.clear();
        RecordingWebSocket client = RecordingWebSocket.connect(
                echo.wsUrl().resolve("/recorded?q=2"), Map.of("X-Trace", "abc"), null);
        EchoHandshake handshake = HANDSHAKES.poll(5, TimeUnit.SECONDS);
        assertThat(handshake).isNotNull();
        assertThat(handshake.uri()).isEqualTo("/recorded?q=2");
        assertThat(handshake.header("x-trace")).isEqualTo("abc");
        client.sendClose(1000, "");
    }

    @Test
    void refusesAConfigWithoutAnyPort() {
        assertThatThrownBy(() -> EchoServer.start(EchoServer.Config.defaults().wsPort(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both ws and wss are disabled");
        assertThatThrownBy(() -> EchoServer.Config.defaults().wsPort(70_000))
                .hasMessageContaining("wsPort: 70000");
    }
}
