package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random and mutated upgrade requests over raw sockets, for a bounded time: the gateway answers each with a status
 * below 500 (or 502-504, which only a backend explains), a 101, or a clean close; it never logs a fault, never
 * leaks a buffer, and still relays a valid client afterwards. The seed is in every failure message; rerun one with
 * {@code -Dtollgate.fuzz.seed=<seed>}.
 */
@ExtendWith(NoLeaks.class)
class HandshakeFuzzTest {

    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final int MAX_CASES = 20_000;
    private static final int CLIENTS = 3;
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_RESPONSE_BYTES = 16 * 1024;
    private static final String PATH = GatewayHarness.ECHO_PATH;
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = GatewayHarness.withEchoApi(config -> config.handshakeTimeout(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** What the gateway did with one request. */
    private record Outcome(int status, boolean reset) {
    }

    @Test
    void theHandshakeParserSurvivesGarbage() throws Exception {
        long seed = Long.getLong("tollgate.fuzz.seed", System.nanoTime());
        AtomicInteger cases = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + BUDGET.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (CapturedLog log = CapturedLog.open()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(seed + c);
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < deadline && cases.incrementAndGet() <= MAX_CASES
                            && failures.size() < 5) {
                        int kind = random.nextInt(5);
                        byte[] request = request(kind, random);
                        Outcome outcome = send(request);
                        statuses.merge(outcome.status(), 1, Integer::sum);
                        if (!acceptable(outcome)) {
                            failures.add("kind " + kind + " got " + outcome + " for "
                                    + printable(request));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(BUDGET.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            }
            assertThat(failures).as("seed %d, %d cases", seed, cases.get()).isEmpty();
            assertThat(log.lines()).as("seed %d: WARN or ERROR lines", seed)
                    .noneMatch(line -> line.stackTrace() || line.level().isGreaterOrEqual(Level.ERROR));
        } finally {
            clients.shutdownNow();
        }
        // Both sides of the parser were reached: valid upgrades relayed, and garbage refused.
        assertThat(statuses).as("statuses seen (seed %d)", seed).containsKeys(101, 400, 401, 431);
        GatewayHarness.echoesThenCloses(harness.connect(PATH), "still serving after " + cases.get() + " cases");
        awaitNoConnections();
    }

    private static void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (harness.gateway.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(harness.gateway.openConnections()).isZero();
    }

    private static boolean acceptable(Outcome outcome) {
        int status = outcome.status();
        return !outcome.reset() && (status == 0 || status == 101 || (status >= 400 && status < 500)
                || status == 502 || status == 503 || status == 504);
    }

    /** Sends the bytes, half-closes, and reads the answer's status: 0 when the gateway closed without one. */
    private static Outcome send(byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.gateway.wsPort())) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (IOException e) {
                // The gateway may answer and close before it has read everything; its answer is still there.
            }
            return new Outcome(status(readAll(socket.getInputStream())), false);
        } catch (SocketTimeoutException e) {
            return new Outcome(-1, false);
        } catch (IOException e) {
            return new Outcome(-1, true);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (bytes.size() < MAX_RESPONSE_BYTES) {
                bytes.write(buffer, 0, read);
            }
        }
        return bytes.toByteArray();
    }

    private static int status(byte[] response) {
        if (response.length == 0) {
            return 0;
        }
        String text = new String(response, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return -2;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    private static byte[] request(int kind, Random random) {
        return switch (kind) {
            case 0 -> randomBytes(random, random.nextInt(2_000));
            case 1 -> mutate(valid(random), random);
            case 2 -> randomHeaders(random);
            case 3 -> hugeLines(random);
            default -> randomTokens(random);
        };
    }

    private static byte[] valid(Random random) {
        return validWith(random.nextBoolean() ? "Authorization: Bearer " + harness.tokens.token(TestWorld.CLIENT)
                : "Sec-WebSocket-Protocol: access_token, " + harness.tokens.token(TestWorld.CLIENT), PATH);
    }

    private static byte[] validWith(String extraHeader, String target) {
        return ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeader
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] current = valid;
        // Now and then none, so that valid upgrades are relayed among the broken ones.
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            out.reset();
            int at = random.nextInt(current.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    current = current.clone();
                    current[at] = (byte) random.nextInt(256);
                    continue;
                }
                case 1 -> {
                    out.write(current, 0, at);
                    out.write(random.nextInt(256));
                    out.write(current, at, current.length - at);
                }
                case 2 -> {
                    int length = Math.min(current.length - at, 1 + random.nextInt(40));
                    out.write(current, 0, at);
                    out.write(current, at + length, current.length - at - length);
                }
                case 3 -> {
                    out.write(current, 0, at);
                    out.writeBytes(CRLF);
                    out.write(current, at, current.length - at);
                }
                case 4 -> {
                    int length = Math.min(current.length - at, 1 + random.nextInt(200));
                    out.write(current, 0, at + length);
                    out.write(current, at, current.length - at);
                }
                default -> {
                    out.write(current, 0, at);
                    out.writeBytes("a".repeat(1 + random.nextInt(12_000)).getBytes(StandardCharsets.US_ASCII));
                    out.write(current, at, current.length - at);
                }
            }
            current = out.toByteArray();
            if (current.length == 0) {
                current = new byte[] {'\n'};
            }
        }
        return current;
    }

    private static String randomText(Random random, int maxLength, boolean anyByte) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append((char) (anyByte ? random.nextInt(256) : 0x21 + random.nextInt(0x5e)));
        }
        return text.toString();
    }

    private static byte[] randomHeaders(Random random) {
        StringBuilder headers = new StringBuilder();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            boolean anyByte = random.nextInt(4) == 0;
            String name = anyByte ? randomText(random, 30, true) : "X-" + Integer.toString(random.nextInt(), 36);
            headers.append(name).append(random.nextBoolean() ? ": " : ":")
                    .append(randomText(random, 200, anyByte)).append("\r\n");
        }
        headers.append("Authorization: Bearer ").append(harness.tokens.token(TestWorld.CLIENT));
        return validWith(headers.toString(), PATH);
    }

    private static byte[] hugeLines(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> validWith("X-Huge: " + "v".repeat(4_000 + random.nextInt(70_000)), PATH);
            case 1 -> validWith("Authorization: Bearer " + harness.tokens.token(TestWorld.CLIENT),
                    PATH + "?q=" + "x".repeat(3_000 + random.nextInt(10_000)));
            default -> validWith("X-Many: 1\r\n".repeat(200 + random.nextInt(2_000)) + "X-End: 1", PATH);
        };
    }

    private static byte[] randomTokens(Random random) {
        String token = randomText(random, 3_000, random.nextInt(3) == 0).replace("\r", "").replace("\n", "");
        return switch (random.nextInt(3)) {
            case 0 -> validWith("Authorization: Bearer " + token, PATH);
            case 1 -> validWith("Sec-WebSocket-Protocol: access_token, " + token, PATH);
            default -> validWith("", PATH + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        };
    }

    private static String printable(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out + (request.length > 300 ? "... (" + request.length + " bytes)" : "");
    }
}
