package dev.tollgate.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.EchoServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator's own upgrade, against the echo backend and against servers that answer wrongly. */
@Timeout(30)
class UpgradeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void upgradesWithTheTargetsHeadersAndExchangesFrames() throws Exception {
        BlockingQueue<String> authorizations = new ArrayBlockingQueue<>(1);
        BlockingQueue<Object> received = new ArrayBlockingQueue<>(4);
        try (EchoServer echo = EchoServer.start(EchoServer.Config.defaults()
                .handshakeListener(handshake -> authorizations.add(handshake.header("authorization"))));
                WsClient client = new WsClient(Target.of(echo.wsUrl() + "?q=1",
                        List.of(new Target.Header("Authorization", "Bearer abc"))), 1, TIMEOUT)) {
            Future<Channel> upgraded = client.connect(() -> new Collect(received));

            assertThat(upgraded.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(upgraded.cause()).isNull();
            assertThat(authorizations.poll(5, TimeUnit.SECONDS)).isEqualTo("Bearer abc");
            upgraded.getNow().writeAndFlush(new TextWebSocketFrame("hello"));
            Object echoed = received.poll(5, TimeUnit.SECONDS);
            assertThat(echoed).isInstanceOf(TextWebSocketFrame.class);
            assertThat(((TextWebSocketFrame) echoed).text()).isEqualTo("hello");
            ((TextWebSocketFrame) echoed).release();
        }
    }

    @Test
    void aRefusalFailsWithItsStatus() throws Exception {
        assertThat(failure(key -> "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"))
                .isInstanceOf(UpgradeException.class).hasMessage("401");
    }

    @Test
    void aWrongAcceptFails() throws Exception {
        assertThat(failure(key -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"))
                .isInstanceOf(UpgradeException.class).hasMessage("wrong Sec-WebSocket-Accept");
    }

    @Test
    void aMissingUpgradeHeaderFails() throws Exception {
        assertThat(failure(key -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + key + "\r\n\r\n"))
                .isInstanceOf(UpgradeException.class).hasMessageContaining("Upgrade: websocket");
    }

    @Test
    void notHttpFails() throws Exception {
        assertThat(failure(key -> "SSH-2.0-OpenSSH\r\n\r\n"))
                .isInstanceOf(UpgradeException.class).hasMessage("malformed response");
    }

    @Test
    void aServerThatClosesFails() throws Exception {
        assertThat(failure(key -> null)).isInstanceOf(UpgradeException.class).hasMessage("closed before the 101");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        assertThat(failure(key -> "")).isInstanceOf(UpgradeException.class).hasMessage("timeout");
    }

    @Test
    void aHeadSplitAcrossReadsIsJoined() throws Exception {
        // The answer in three writes, with pauses: the client reads it in parts.
        try (CannedServer server = new CannedServer(key -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: webso|"
                + "cket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: " + key + "\r|\n\r\n");
                WsClient client = new WsClient(server.target(), 1, TIMEOUT)) {
            Future<Channel> upgraded = client.connect(ChannelInboundHandlerAdapter::new);

            assertThat(upgraded.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(upgraded.cause()).isNull();
        }
    }

    /** The failure of an upgrade against a server that answers with {@code answer} of the expected accept value. */
    private static Throwable failure(Function<String, String> answer) throws Exception {
        try (CannedServer server = new CannedServer(answer); WsClient client = new WsClient(server.target(), 1, TIMEOUT)) {
            Future<Channel> upgraded = client.connect(ChannelInboundHandlerAdapter::new);
            assertThat(upgraded.await(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS)).isTrue();
            return upgraded.cause();
        }
    }

    /**
     * One connection, answered with the text the function makes of the right accept value: {@code null} closes at
     * once, "" never answers, and each '|' is a pause between two writes.
     */
    private static final class CannedServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        CannedServer(Function<String, String> answer) throws IOException {
            thread = new Thread(() -> serve(answer), "canned-server");
            thread.setDaemon(true);
            thread.start();
        }

        Target target() {
            return Target.of("ws://127.0.0.1:" + socket.getLocalPort() + "/x", List.of());
        }

        private void serve(Function<String, String> answer) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout((int) TIMEOUT.toMillis() * 3);
                String request = readHead(connection.getInputStream());
                String key = request.lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst()
                        .orElseThrow().substring("Sec-WebSocket-Key: ".length());
                String text = answer.apply(acceptOf(key));
                if (text == null) {
                    return;
                }
                OutputStream out = connection.getOutputStream();
                for (String part : text.split("\\|")) {
                    out.write(part.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(50);
                }
                Thread.sleep(TIMEOUT.toMillis() * 2);
            } catch (IOException | InterruptedException e) {
                // The test's assertions say what went wrong.
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString();
        }

        private static String acceptOf(String key) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(
                        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
                return java.util.Base64.getEncoder().encodeToString(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }

    /** Puts every frame it gets in the queue. */
    private static final class Collect extends ChannelInboundHandlerAdapter {

        private final BlockingQueue<Object> frames;

        Collect(BlockingQueue<Object> frames) {
            this.frames = frames;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            frames.add(cause);
        }
    }
}
