package dev.tollgate.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A test WebSocket client (the JDK's) that records whole messages, pongs and the close it receives.
 *
 * <p>Every wait is bounded by {@link #TIMEOUT}; a wait that times out fails the test with a message.
 */
public final class RecordingWebSocket implements WebSocket.Listener {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The close a peer sent, or {@code code == -1} when the connection ended without one. */
    public record Close(int code, String reason) {
    }

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final List<byte[]> binaryParts = new ArrayList<>();
    private WebSocket webSocket;

    private RecordingWebSocket() {
    }

    /** Opens a connection with these headers and offered subprotocols; trusts {@code tls} when not null. */
    public static RecordingWebSocket connect(
            URI uri, Map<String, String> headers, SSLContext tls, String... subprotocols) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (tls != null) {
            client.sslContext(tls);
        }
        WebSocket.Builder builder = client.build().newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        RecordingWebSocket recorder = new RecordingWebSocket();
        recorder.webSocket = builder.buildAsync(uri, recorder).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        return recorder;
    }

    public static RecordingWebSocket connect(URI uri) {
        return connect(uri, Map.of(), null);
    }

    public WebSocket socket() {
        return webSocket;
    }

    public String subprotocol() {
        return webSocket.getSubprotocol();
    }

    /** Sends a whole text message and waits until it is handed to the socket. */
    public void sendText(String message) {
        webSocket.sendText(message, true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public void sendBinary(byte[] message) {
        webSocket.sendBinary(ByteBuffer.wrap(message), true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** Sends a text message as several frames: the first fragment and continuations. */
    public void sendTextFragments(String... fragments) {
        for (int i = 0; i < fragments.length; i++) {
            webSocket.sendText(fragments[i], i == fragments.length - 1)
                    .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
    }

    public void sendPing(byte[] payload) {
        webSocket.sendPing(ByteBuffer.wrap(payload)).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public void sendClose(int code, String reason) {
        webSocket.sendClose(code, reason).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The next whole message: a {@link String} for text, a {@code byte[]} for binary. */
    public Object nextMessage() {
        return poll(messages, "a message");
    }

    public String nextText() {
        Object message = nextMessage();
        if (!(message instanceof String textMessage)) {
            throw new AssertionError("Expected a text message but got " + message);
        }
        return textMessage;
    }

    public byte[] nextBinary() {
        Object message = nextMessage();
        if (!(message instanceof byte[] binaryMessage)) {
            throw new AssertionError("Expected a binary message but got " + message);
        }
        return binaryMessage;
    }

    public ByteBuffer nextPong() {
        return poll(pongs, "a pong");
    }

    /** Waits for the connection to end and returns the close the peer sent. */
    public Close awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The connection did not close within " + within, e);
        }
    }

    public Close awaitClose() {
        return awaitClose(TIMEOUT);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes the TCP connection without a close handshake. */
    public void abort() {
        webSocket.abort();
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError("No " + what + " arrived within " + TIMEOUT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binaryParts.add(part);
        if (last) {
            int length = binaryParts.stream().mapToInt(bytes -> bytes.length).sum();
            ByteBuffer whole = ByteBuffer.allocate(length);
            binaryParts.forEach(whole::put);
            binaryParts.clear();
            messages.add(whole.array());
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining());
        copy.put(message).flip();
        pongs.add(copy);
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed.complete(new Close(-1, String.valueOf(error)));
    }
}
