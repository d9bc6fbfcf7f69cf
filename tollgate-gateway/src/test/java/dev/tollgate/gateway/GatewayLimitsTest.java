package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.LifecycleState;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A gateway with small limits: frame size, idle timeout, and insecure backend TLS (no trust store given). */
@ExtendWith(NoLeaks.class)
class GatewayLimitsTest {

    private static final int MAX_FRAME = 4096;
    private static final Duration IDLE = Duration.ofMillis(800);
    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(config -> config
                .maxFramePayload(MAX_FRAME)
                .idleTimeout(IDLE)
                .insecureBackendTls(true));
        harness.world.subscribed(api("echo", "/echo", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.world.subscribed(api("tls", "/tls", "1.0", LifecycleState.PUBLISHED, harness.echo.wssUrl()));
        harness.publish();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aFrameOverTheLimitClosesTheSenderWith1009() {
        RecordingWebSocket client = harness.connect("/echo/1.0");
        client.sendText("a".repeat(MAX_FRAME));
        assertThat(client.nextText()).hasSize(MAX_FRAME);
        client.sendText("a".repeat(MAX_FRAME + 1));
        assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void insecureBackendTlsAcceptsASelfSignedBackend() {
        RecordingWebSocket client = harness.connect("/tls/1.0");
        GatewayHarness.echoesThenCloses(client, "trusted anyway");
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedPastTheIdleTimeout() throws InterruptedException {
        RecordingWebSocket client = harness.connect("/echo/1.0");
        Thread.sleep(IDLE.multipliedBy(2).toMillis());
        assertThat(client.isClosed()).isFalse();
        GatewayHarness.echoesThenCloses(client, "alive");
    }

    @Test
    void aSilentClientIsPingedThenClosedWith1001() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.gateway.wsPort())) {
            socket.setSoTimeout((int) IDLE.multipliedBy(3).toMillis());
            String request = "GET /echo/1.0 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer "
                    + harness.tokens.token(TestWorld.CLIENT) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readHead(in)).startsWith("HTTP/1.1 101");

            byte[] ping = readFrame(in, 0x9);
            assertThat(new String(ping, StandardCharsets.US_ASCII)).isEqualTo("tollgate-keepalive");
            byte[] close = readFrame(in, 0x8);
            int code = ((close[0] & 0xff) << 8) | (close[1] & 0xff);
            assertThat(code).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(new String(close, 2, close.length - 2, StandardCharsets.UTF_8)).isEqualTo("Idle timeout");
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 8192 && !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one unmasked server frame with a short payload and checks its opcode. */
    private static byte[] readFrame(DataInputStream in, int opcode) throws IOException {
        int first = in.readUnsignedByte();
        int length = in.readUnsignedByte() & 0x7f;
        assertThat(first & 0x0f).as("opcode").isEqualTo(opcode);
        assertThat(length).as("a control frame's length").isLessThan(126);
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }
}
