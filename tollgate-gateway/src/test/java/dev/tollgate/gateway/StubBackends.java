package dev.tollgate.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Backends that misbehave on purpose: one answers every upgrade with an HTTP error, one never answers at all. */
final class StubBackends {

    private StubBackends() {
    }

    /**
     * A port nothing listens on and nothing else can take: a socket bound to it but never listening (kept open for
     * the test JVM's life) makes the kernel refuse every connection to it. A port merely closed again could be taken
     * by another test's server in the meantime, which would then answer instead of refusing.
     */
    static URI refusing() {
        try {
            java.nio.channels.SocketChannel reserved = java.nio.channels.SocketChannel.open();
            reserved.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((java.net.InetSocketAddress) reserved.getLocalAddress()).getPort();
            RESERVED.put(port, reserved);
            return URI.create("ws://127.0.0.1:" + port + "/gone");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frees a port from {@link #refusing()}, for a test that brings a backend up on it. */
    static void release(URI refusing) {
        java.nio.channels.SocketChannel reserved = RESERVED.remove(refusing.getPort());
        if (reserved != null) {
            try {
                reserved.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final java.util.Map<Integer, java.nio.channels.SocketChannel> RESERVED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Accepts TCP connections (into its backlog) and never says a word. */
    static final class Silent implements AutoCloseable {

        private final ServerSocket socket;

        Silent() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        URI url() {
            return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/silent");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Answers every request with one fixed HTTP status line, on a daemon thread, until closed. */
    static final class Rejecting implements AutoCloseable {

        /** How many connections it has accepted. */
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket socket;

        Rejecting(String statusLine) {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread thread = new Thread(() -> serve(statusLine), "rejecting-backend");
            thread.setDaemon(true);
            thread.start();
        }

        URI url() {
            return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/reject");
        }

        private void serve(String statusLine) {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    accepted.incrementAndGet();
                    client.setSoTimeout(5_000);
                    readHead(client.getInputStream());
                    String body = "{\"error\":\"go away\"}";
                    client.getOutputStream().write((statusLine + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    // One broken exchange must not stop the stub; the test that caused it fails on its own.
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int read = 0; read < 64 * 1024 && matched < 4; read++) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
