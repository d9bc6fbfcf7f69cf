package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.LifecycleState;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import dev.tollgate.gateway.frame.SecWebSocketAccept;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static DeafBackend deaf;

    @BeforeAll
    static void start() throws IOException {
        deaf = new DeafBackend();
        harness = new GatewayHarness(config -> config
                .maxFramePayload(MAX_FRAME)
                .idleTimeout(IDLE)
                .insecureBackendTls(true));
        harness.world.subscribed(api("echo", "/echo", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.world.subscribed(api("tls", "/tls", "1.0", LifecycleState.PUBLISHED, harness.echo.wssUrl()));
        harness.world.subscribed(api("deaf", "/deaf", "1.0", LifecycleState.PUBLISHED, deaf.url()));
        harness.publish();
    }

    @AfterAll
    static void stop() throws IOException {
        harness.close();
        deaf.close();
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

    @Test
    void aSilentBackendIsPingedAndClosedWith1001WhenItDoesNotAnswer() throws InterruptedException {
        RecordingWebSocket client = harness.connect("/deaf/1.0");
        long connected = System.nanoTime();
        // The client answers the gateway's pings; the backend answers nothing, so its leg ends the connection.
        assertThat(deaf.frames.poll(5, TimeUnit.SECONDS)).isEqualTo("ping tollgate-keepalive");
        RecordingWebSocket.Close close = client.awaitClose();
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connected);
        assertThat(close.code()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(close.reason()).isEqualTo("Idle timeout");
        assertThat(silentMillis).isGreaterThanOrEqualTo(IDLE.toMillis());
        assertThat(deaf.frames.poll(5, TimeUnit.SECONDS)).isEqualTo("close 1001 Idle timeout");
    }

    /**
     * A backend that completes the upgrade and then only listens: it answers no ping and sends nothing. It records
     * what the gateway sends it, one connection at a time, on a daemon thread.
     */
    private static final class DeafBackend implements AutoCloseable {
        private static final Pattern KEY = Pattern.compile("(?im)^sec-websocket-key:\\s*(\\S+)\\s*$");
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        DeafBackend() throws IOException {
            Thread thread = new Thread(this::serve, "deaf-backend");
            thread.setDaemon(true);
            thread.start();
        }

        URI url() {
            return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(10_000);
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    Matcher key = KEY.matcher(readHead(in));
                    if (!key.find()) {
                        continue;
                    }
                    socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + SecWebSocketAccept.of(key.group(1))
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    for (int i = 0; i < 100; i++) {
                        String frame = readMaskedFrame(in);
                        frames.add(frame);
                        if (frame.startsWith("close")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // The connection or the server closed: wait for the next one, or stop.
                }
            }
        }

        /** A masked client frame with a short payload, as its opcode's name and its payload (a close's code). */
        private static String readMaskedFrame(InputStream stream) throws IOException {
            DataInputStream in = new DataInputStream(stream);
            int opcode = in.readUnsignedByte() & 0x0f;
            int second = in.readUnsignedByte();
            assertThat(second & 0x80).as("masked").isNotZero();
            byte[] mask = new byte[4];
            byte[] payload = new byte[second & 0x7f];
            in.readFully(mask);
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            return switch (opcode) {
                case 0x9 -> "ping " + new String(payload, StandardCharsets.US_ASCII);
                case 0x8 -> "close " + (((payload[0] & 0xff) << 8) | (payload[1] & 0xff)) + " "
                        + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                default -> "opcode " + opcode;
            };
        }

        @Override
        public void close() throws IOException {
            server.close();
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
