package dev.tollgate.gateway;

import static dev.tollgate.gateway.RawWebSocket.BINARY;
import static dev.tollgate.gateway.RawWebSocket.CLOSE;
import static dev.tollgate.gateway.RawWebSocket.CONTINUATION;
import static dev.tollgate.gateway.RawWebSocket.PING;
import static dev.tollgate.gateway.RawWebSocket.PONG;
import static dev.tollgate.gateway.RawWebSocket.RSV1;
import static dev.tollgate.gateway.RawWebSocket.RSV2;
import static dev.tollgate.gateway.RawWebSocket.RSV3;
import static dev.tollgate.gateway.RawWebSocket.TEXT;
import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.EchoHandshake;
import dev.tollgate.echo.EchoServer;
import dev.tollgate.model.LifecycleState;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 and RFC 7692 through the gateway, family by family as Autobahn|Testsuite numbers them (1 framing, 2 pings,
 * 3 reserved bits, 4 opcodes, 5 fragmentation, 6 UTF-8, 7 close, 9 limits, 12/13 permessage-deflate). A raw client
 * writes frames byte by byte, invalid ones included, and reads what the gateway answers on the wire. Behind the
 * gateway: the echo backend (plain and with deflate) and a scripted backend the test drives. The table of cases is in
 * {@code docs/CONFORMANCE.md}.
 */
@ExtendWith(NoLeaks.class)
class ConformanceTest {

    private static final int MAX_FRAME = 2 * 1024 * 1024;
    private static GatewayHarness harness;
    private static GatewayHarness withoutDeflate;
    private static EchoServer deflateEcho;
    private static final BlockingQueue<EchoHandshake> deflateEchoHandshakes = new LinkedBlockingQueue<>();
    private static ScriptedBackend scripted;
    private static ScriptedBackend greeting;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(config -> config.maxFramePayload(MAX_FRAME));
        withoutDeflate = new GatewayHarness(config -> config.perMessageDeflate(false));
        deflateEcho = EchoServer.start(EchoServer.Config.defaults().perMessageDeflate(true)
                .handshakeListener(deflateEchoHandshakes::add));
        scripted = new ScriptedBackend();
        greeting = new ScriptedBackend(Greeter::new);
        harness.world.subscribed(api("echo", "/echo", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.world.subscribed(api("deflate", "/deflate", "1.0", LifecycleState.PUBLISHED, deflateEcho.wsUrl()));
        harness.world.subscribed(api("scripted", "/scripted", "1.0", LifecycleState.PUBLISHED, scripted.url()));
        harness.world.subscribed(api("greeting", "/greeting", "1.0", LifecycleState.PUBLISHED, greeting.url()));
        harness.publish();
        withoutDeflate.world.subscribed(api("echo", "/echo", "1.0", LifecycleState.PUBLISHED,
                withoutDeflate.echo.wsUrl()));
        withoutDeflate.world.subscribed(api("deflate", "/deflate", "1.0", LifecycleState.PUBLISHED,
                deflateEcho.wsUrl()));
        withoutDeflate.publish();
    }

    @AfterAll
    static void stop() {
        harness.close();
        withoutDeflate.close();
        deflateEcho.close();
        scripted.close();
        greeting.close();
    }

    /** Greets each client with two frames the moment its handshake is done, often in the 101's own segment. */
    private static final class Greeter extends ChannelInboundHandlerAdapter {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                ctx.write(new TextWebSocketFrame("hello"));
                ctx.writeAndFlush(new TextWebSocketFrame("again"));
            }
            super.userEventTriggered(ctx, event);
        }
    }

    private static RawWebSocket raw(String path, String... headerLines) {
        return RawWebSocket.connect(harness.gateway.wsPort(), path, harness.tokens.token(TestWorld.CLIENT),
                headerLines);
    }

    private static RawWebSocket echo() {
        return raw("/echo/1.0");
    }

    /** The gateway answers with this close code, then ends the TCP connection. */
    private static void assertFailsWith(RawWebSocket client, int code) {
        RawWebSocket.Frame close = client.awaitClose();
        assertThat(close.closeCode()).as("close code (reason: %s)", close.closeReason()).isEqualTo(code);
        assertThat(client.awaitEndOfStream()).as("connection ended").isTrue();
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Reads data frames until a final one and joins their payloads; control frames in between are returned too. */
    private static byte[] readMessage(RawWebSocket client, List<RawWebSocket.Frame> controls) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            RawWebSocket.Frame frame = client.next();
            if (frame.opcode() >= CLOSE) {
                controls.add(frame);
                continue;
            }
            message.writeBytes(frame.payload());
            if (frame.fin()) {
                return message.toByteArray();
            }
        }
        throw new AssertionError("No final fragment within 1000 frames");
    }

    /** Family 1: every payload length encoding (7-bit, 16-bit, 64-bit), text and binary. */
    @Nested
    class Framing {

        @ParameterizedTest
        @ValueSource(ints = {0, 125, 126, 127, 65_535, 65_536, 256 * 1024})
        void textAndBinaryOfEachLengthAreEchoed(int length) {
            try (RawWebSocket client = echo()) {
                String text = "a".repeat(length);
                client.sendText(text);
                assertThat(client.next(TEXT).text()).isEqualTo(text);
                byte[] binary = bytes(length, length);
                client.send(true, 0, BINARY, binary);
                assertThat(client.next(BINARY).payload()).isEqualTo(binary);
            }
        }

        /** The relay reads frame headers and payloads as they come: a frame may arrive in any number of pieces. */
        @ParameterizedTest
        @ValueSource(ints = {1, 3, 7, 100})
        void framesArrivingInPiecesAreRelayedWhole(int chunk) {
            try (RawWebSocket client = echo()) {
                byte[] binary = bytes(300, chunk);
                client.sendDribbled(false, BINARY, binary, chunk);
                client.sendDribbled(true, PING, "between".getBytes(StandardCharsets.UTF_8), chunk);
                client.sendDribbled(true, CONTINUATION, binary, chunk);
                String text = "é€😀 text of " + chunk;
                client.sendDribbled(true, TEXT, text.getBytes(StandardCharsets.UTF_8), chunk);
                List<RawWebSocket.Frame> controls = new ArrayList<>();
                byte[] both = Arrays.copyOf(binary, binary.length * 2);
                System.arraycopy(binary, 0, both, binary.length, binary.length);
                assertThat(readMessage(client, controls)).isEqualTo(both);
                RawWebSocket.Frame next = client.next();
                if (controls.isEmpty()) {
                    controls.add(next);
                    next = client.next();
                }
                assertThat(controls).singleElement().satisfies(pong -> {
                    assertThat(pong.opcode()).isEqualTo(PONG);
                    assertThat(pong.text()).isEqualTo("between");
                });
                assertThat(next.opcode()).isEqualTo(TEXT);
                assertThat(next.text()).isEqualTo(text);
            }
        }

        @Test
        void framesTheBackendSendsRightAfterItsHandshakeAreNotLost() {
            for (int i = 0; i < 20; i++) {
                try (RawWebSocket client = raw("/greeting/1.0")) {
                    assertThat(client.next(TEXT).text()).isEqualTo("hello");
                    assertThat(client.next(TEXT).text()).isEqualTo("again");
                }
            }
        }
    }

    /** Family 2: pings and pongs. */
    @Nested
    class PingsAndPongs {

        @Test
        void aPingIsAnsweredWithAPongCarryingItsPayload() {
            try (RawWebSocket client = echo()) {
                for (byte[] payload : List.of(new byte[0], "Hello, world!".getBytes(StandardCharsets.UTF_8),
                        bytes(125, 2))) {
                    client.send(true, 0, PING, payload);
                    assertThat(client.next(PONG).payload()).isEqualTo(payload);
                }
            }
        }

        @Test
        void tenPingsGetTenPongsInOrder() {
            try (RawWebSocket client = echo()) {
                for (int i = 0; i < 10; i++) {
                    client.send(true, 0, PING, ("ping-" + i).getBytes(StandardCharsets.UTF_8));
                }
                for (int i = 0; i < 10; i++) {
                    assertThat(client.next(PONG).text()).isEqualTo("ping-" + i);
                }
            }
        }

        @Test
        void anUnsolicitedPongIsNotAnswered() {
            try (RawWebSocket client = echo()) {
                client.send(true, 0, PONG, "unsolicited".getBytes(StandardCharsets.UTF_8));
                client.sendText("after the pong");
                assertThat(client.next(TEXT).text()).isEqualTo("after the pong");
            }
        }

        @Test
        void aPingOver125BytesIsAProtocolError() {
            try (RawWebSocket client = echo()) {
                client.send(true, 0, PING, new byte[126]);
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }
    }

    /** Family 3: reserved bits, with deflate possible (the relay refuses them) and impossible (the decoder does). */
    @Nested
    class ReservedBits {

        @ParameterizedTest
        @ValueSource(ints = {TEXT << 4 | RSV1, TEXT << 4 | RSV2, BINARY << 4 | RSV3, BINARY << 4 | RSV1 | RSV3,
            PING << 4 | RSV2 | RSV3, CLOSE << 4 | RSV1, PING << 4 | RSV1})
        void aReservedBitWithoutANegotiatedExtensionIsAProtocolError(int opcodeAndRsv) {
            int opcode = opcodeAndRsv >> 4;
            byte[] payload = opcode == CLOSE ? RawWebSocket.closePayload(CloseCodes.NORMAL, "") : new byte[] {'x'};
            for (GatewayHarness gateway : List.of(harness, withoutDeflate)) {
                try (RawWebSocket client = RawWebSocket.connect(gateway.gateway.wsPort(), "/echo/1.0",
                        gateway.tokens.token(TestWorld.CLIENT))) {
                    client.send(true, opcodeAndRsv & 0x7, opcode, payload);
                    assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
                }
            }
        }

        @Test
        void rsv1OnAControlFrameIsAProtocolErrorEvenWithDeflate() {
            try (RawWebSocket client = raw("/echo/1.0", "Sec-WebSocket-Extensions: permessage-deflate")) {
                assertThat(client.responseHeader("sec-websocket-extensions")).startsWith("permessage-deflate");
                client.send(true, RSV1, PING, new byte[] {'x'});
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }
    }

    /** Family 4: reserved opcodes. */
    @Nested
    class Opcodes {

        @ParameterizedTest
        @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
        void aReservedOpcodeIsAProtocolError(int opcode) {
            try (RawWebSocket client = echo()) {
                client.send(true, 0, opcode, new byte[] {1, 2, 3});
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }

        @Test
        void anUnmaskedClientFrameIsAProtocolError() {
            try (RawWebSocket client = echo()) {
                client.sendUnmasked(TEXT, "not masked".getBytes(StandardCharsets.UTF_8));
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }
    }

    /** Family 5: fragmentation. */
    @Nested
    class Fragmentation {

        @Test
        void aFragmentedMessageArrivesWhole() {
            try (RawWebSocket client = echo()) {
                client.send(false, 0, TEXT, "frag".getBytes(StandardCharsets.UTF_8));
                client.send(false, 0, CONTINUATION, "men".getBytes(StandardCharsets.UTF_8));
                client.send(true, 0, CONTINUATION, "ted".getBytes(StandardCharsets.UTF_8));
                List<RawWebSocket.Frame> controls = new ArrayList<>();
                assertThat(new String(readMessage(client, controls), StandardCharsets.UTF_8)).isEqualTo("fragmented");
                assertThat(controls).isEmpty();
            }
        }

        @Test
        void controlFramesBetweenFragmentsAreAnsweredAndTheMessageStaysWhole() {
            try (RawWebSocket client = echo()) {
                byte[] first = bytes(1000, 5);
                byte[] second = bytes(1000, 6);
                client.send(false, 0, BINARY, first);
                client.send(true, 0, PING, "between".getBytes(StandardCharsets.UTF_8));
                client.send(true, 0, PONG, "ignored".getBytes(StandardCharsets.UTF_8));
                client.send(true, 0, CONTINUATION, second);
                List<RawWebSocket.Frame> controls = new ArrayList<>();
                byte[] message = readMessage(client, controls);
                byte[] expected = Arrays.copyOf(first, 2000);
                System.arraycopy(second, 0, expected, 1000, 1000);
                assertThat(message).isEqualTo(expected);
                if (controls.isEmpty()) {
                    controls.add(client.next());
                }
                assertThat(controls).singleElement().satisfies(pong -> {
                    assertThat(pong.opcode()).isEqualTo(PONG);
                    assertThat(pong.text()).isEqualTo("between");
                });
            }
        }

        @Test
        void aFragmentedPingIsAProtocolError() {
            try (RawWebSocket client = echo()) {
                // The gateway fails the connection on this frame already; a continuation could meet a closed socket.
                client.send(false, 0, PING, "frag".getBytes(StandardCharsets.UTF_8));
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }

        @Test
        void aContinuationWithoutAStartIsAProtocolError() {
            try (RawWebSocket client = echo()) {
                client.send(true, 0, CONTINUATION, "orphan".getBytes(StandardCharsets.UTF_8));
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }

        @Test
        void aNewMessageInsideAFragmentedOneIsAProtocolError() {
            try (RawWebSocket client = echo()) {
                client.send(false, 0, TEXT, "start".getBytes(StandardCharsets.UTF_8));
                client.send(true, 0, TEXT, "another".getBytes(StandardCharsets.UTF_8));
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }
    }

    /** Family 6: UTF-8 in text messages and close reasons. */
    @Nested
    class Utf8 {

        private static final byte[] KOSME = "κόσμε".getBytes(StandardCharsets.UTF_8);

        @Test
        void aCharacterSplitAcrossFragmentsIsValid() {
            try (RawWebSocket client = echo()) {
                for (int split = 1; split < KOSME.length; split++) {
                    client.send(false, 0, TEXT, Arrays.copyOfRange(KOSME, 0, split));
                    client.send(true, 0, CONTINUATION, Arrays.copyOfRange(KOSME, split, KOSME.length));
                    assertThat(new String(readMessage(client, new ArrayList<>()), StandardCharsets.UTF_8))
                            .isEqualTo("κόσμε");
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64", "c0 af", "ff",
            "f4 90 80 80", "ed bf bf"})
        void invalidUtf8InOneFrameIs1007(String hex) {
            try (RawWebSocket client = echo()) {
                client.send(true, 0, TEXT, hex(hex));
                assertFailsWith(client, CloseCodes.INVALID_PAYLOAD);
            }
        }

        @Test
        void invalidUtf8AcrossAFragmentBoundaryIs1007() {
            try (RawWebSocket client = echo()) {
                byte[] valid = Arrays.copyOf(KOSME, KOSME.length + 1);
                valid[KOSME.length] = (byte) 0xf4;
                client.send(false, 0, TEXT, valid);
                client.send(true, 0, CONTINUATION, hex("90 80 80"));
                assertFailsWith(client, CloseCodes.INVALID_PAYLOAD);
            }
        }

        @Test
        void invalidUtf8InACloseReasonIs1007() {
            try (RawWebSocket client = echo()) {
                byte[] payload = Arrays.copyOf(RawWebSocket.closePayload(CloseCodes.NORMAL, ""), 4);
                payload[2] = (byte) 0xc0;
                payload[3] = (byte) 0xaf;
                client.send(true, 0, CLOSE, payload);
                assertFailsWith(client, CloseCodes.INVALID_PAYLOAD);
            }
        }

        private static byte[] hex(String hex) {
            String[] parts = hex.split(" ");
            byte[] bytes = new byte[parts.length];
            for (int i = 0; i < parts.length; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i], 16);
            }
            return bytes;
        }
    }

    /** Family 7: the close handshake, started by either side, and abrupt losses. */
    @Nested
    class Closing {

        @ParameterizedTest
        @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
        void aValidCloseCodeMakesTheRoundTripUnchanged(int code) {
            try (RawWebSocket client = echo()) {
                client.sendClose(code, "reason " + code);
                RawWebSocket.Frame close = client.next(CLOSE);
                assertThat(close.closeCode()).isEqualTo(code);
                assertThat(close.closeReason()).isEqualTo("reason " + code);
                assertThat(client.awaitEndOfStream()).isTrue();
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999})
        void anInvalidCloseCodeIsAProtocolError(int code) {
            try (RawWebSocket client = echo()) {
                client.sendClose(code, "");
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }

        @Test
        void aCloseWithoutPayloadIsAnswered() {
            try (RawWebSocket client = echo()) {
                client.send(true, 0, CLOSE, new byte[0]);
                assertThat(client.next(CLOSE).closeCode()).isIn(-1, CloseCodes.NORMAL);
                assertThat(client.awaitEndOfStream()).isTrue();
            }
        }

        @Test
        void aClosePayloadOfOneByteIsAProtocolError() {
            try (RawWebSocket client = echo()) {
                client.send(true, 0, CLOSE, new byte[] {0x03});
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }

        @Test
        void aCloseReasonOf123BytesIsTheLongestAllowed() {
            try (RawWebSocket client = echo()) {
                client.sendClose(CloseCodes.NORMAL, "r".repeat(123));
                assertThat(client.next(CLOSE).closeReason()).hasSize(123);
            }
            try (RawWebSocket client = echo()) {
                client.sendClose(CloseCodes.NORMAL, "r".repeat(124));
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }

        @Test
        void dataAfterTheClientsCloseIsDropped() {
            try (RawWebSocket client = echo()) {
                client.sendClose(CloseCodes.NORMAL, "done");
                // The gateway may already have closed the socket once the backend answered; then these are moot.
                client.trySend(TEXT, "too late".getBytes(StandardCharsets.UTF_8));
                client.trySend(PING, new byte[] {1});
                assertThat(client.next().opcode()).isEqualTo(CLOSE);
                assertThat(client.awaitEndOfStream()).isTrue();
            }
        }

        @Test
        void aBackendCloseReachesTheClientAndTheClientsReplyCompletesIt() throws Exception {
            try (RawWebSocket client = raw("/scripted/1.0")) {
                Channel backend = scripted.nextChannel();
                backend.writeAndFlush(new CloseWebSocketFrame(4000, "backend says bye"));
                RawWebSocket.Frame close = client.next(CLOSE);
                assertThat(close.closeCode()).isEqualTo(4000);
                assertThat(close.closeReason()).isEqualTo("backend says bye");

                client.sendClose(4000, "backend says bye");
                ScriptedBackend.Received reply = scripted.nextFrame();
                assertThat(reply.type()).isEqualTo(CloseWebSocketFrame.class);
                assertThat(reply.closeCode()).isEqualTo(4000);
                assertThat(reply.closeReason()).isEqualTo("backend says bye");
                assertThat(client.awaitEndOfStream()).isTrue();
                assertThat(backend.closeFuture().await(1, TimeUnit.SECONDS)).as("backend leg closed").isTrue();
            }
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void anAbruptClientLossClosesTheBackendWithinASecond(boolean reset) throws Exception {
            RawWebSocket client = raw("/scripted/1.0");
            Channel backend = scripted.nextChannel();
            client.sendText("before");
            assertThat(scripted.nextFrame().payload()).asString(StandardCharsets.UTF_8).isEqualTo("before");
            long lost = System.nanoTime();
            client.abort(reset);
            ScriptedBackend.Received close = scripted.nextFrame();
            assertThat(close.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(close.closeReason()).isEqualTo("Client went away");
            assertThat(backend.closeFuture().await(1, TimeUnit.SECONDS)).as("backend leg closed").isTrue();
            assertThat(System.nanoTime() - lost).isLessThan(TimeUnit.SECONDS.toNanos(1));
        }

        @Test
        void anAbruptBackendLossClosesTheClientWithinASecond() throws Exception {
            try (RawWebSocket client = raw("/scripted/1.0")) {
                Channel backend = scripted.nextChannel();
                long lost = System.nanoTime();
                backend.close();
                RawWebSocket.Frame close = client.next(CLOSE);
                assertThat(close.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
                assertThat(close.closeReason()).isEqualTo("Backend went away");
                assertThat(client.awaitEndOfStream()).isTrue();
                assertThat(System.nanoTime() - lost).isLessThan(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** Family 9, in small form: many messages in order, and the frame size limit. */
    @Nested
    class Limits {

        @Test
        void aThousandMessagesSentAtOnceComeBackInOrder() {
            try (RawWebSocket client = echo()) {
                for (int i = 0; i < 1000; i++) {
                    client.sendText("message " + i);
                }
                for (int i = 0; i < 1000; i++) {
                    assertThat(client.next(TEXT).text()).isEqualTo("message " + i);
                }
            }
        }

        @Test
        void aFrameAnnouncedOverTheLimitIs1009() {
            try (RawWebSocket client = echo()) {
                client.sendHeaderOnly(BINARY, MAX_FRAME + 1L, 16);
                assertFailsWith(client, CloseCodes.MESSAGE_TOO_BIG);
            }
        }
    }

    /** Families 12 and 13: permessage-deflate, negotiated by each leg on its own. */
    @Nested
    class PerMessageDeflate {

        private static final String CLIENT_OFFER = "permessage-deflate; client_max_window_bits";

        private static NettyWebSocket netty(String path, boolean deflate) {
            return NettyWebSocket.connect(harness.ws(path), harness.tokens.token(TestWorld.CLIENT), deflate);
        }

        private static void echoesTextAndBinary(NettyWebSocket client) throws InterruptedException {
            String text = "compress me ".repeat(500) + "κόσμε";
            client.sendText(text);
            assertThat(client.nextMessage()).isEqualTo(text);
            byte[] binary = new byte[100_000];
            Arrays.fill(binary, 50_000, 100_000, (byte) 7);
            client.sendBinary(binary);
            assertThat(client.nextMessage()).isEqualTo(binary);
        }

        @Test
        void aDeflatingClientTalksToAPlainBackend() throws InterruptedException {
            harness.backendHandshakes.clear();
            try (NettyWebSocket client = netty("/echo/1.0", true)) {
                echoesTextAndBinary(client);
                assertThat(client.wireRsv).hasSize(2).allMatch(rsv -> rsv == RSV1);
            }
            assertThat(harness.nextBackendHandshake().header("sec-websocket-extensions"))
                    .isEqualTo("permessage-deflate");
        }

        @Test
        void aPlainClientTalksToADeflatingBackend() throws InterruptedException {
            deflateEchoHandshakes.clear();
            try (NettyWebSocket client = netty("/deflate/1.0", false)) {
                echoesTextAndBinary(client);
                assertThat(client.wireRsv).hasSize(2).allMatch(rsv -> rsv == 0);
            }
            assertThat(deflateEchoHandshakes.poll(5, TimeUnit.SECONDS).header("sec-websocket-extensions"))
                    .isEqualTo("permessage-deflate");
        }

        @Test
        void bothLegsDeflateEachWithItsOwnNegotiation() throws InterruptedException {
            deflateEchoHandshakes.clear();
            try (NettyWebSocket client = netty("/deflate/1.0", true)) {
                echoesTextAndBinary(client);
                assertThat(client.wireRsv).hasSize(2).allMatch(rsv -> rsv == RSV1);
            }
            // The backend got the gateway's own offer, not the client's.
            assertThat(deflateEchoHandshakes.poll(5, TimeUnit.SECONDS).header("sec-websocket-extensions"))
                    .isEqualTo("permessage-deflate").isNotEqualTo(CLIENT_OFFER);
        }

        @Test
        void aCompressedFragmentedMessageIsDecompressedAndCompressedAgain() {
            try (RawWebSocket client = raw("/echo/1.0",
                    "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                            + "client_no_context_takeover")) {
                assertThat(client.responseHeader("sec-websocket-extensions"))
                        .contains("permessage-deflate").contains("server_no_context_takeover");
                String text = "fragmented and compressed ".repeat(200);
                byte[] compressed = RawWebSocket.deflate(text.getBytes(StandardCharsets.UTF_8));
                int half = compressed.length / 2;
                client.send(false, RSV1, TEXT, Arrays.copyOfRange(compressed, 0, half));
                client.send(true, 0, CONTINUATION, Arrays.copyOfRange(compressed, half, compressed.length));

                RawWebSocket.Frame first = client.next(TEXT);
                assertThat(first.rsv()).isEqualTo(RSV1);
                ByteArrayOutputStream echoed = new ByteArrayOutputStream();
                echoed.writeBytes(first.payload());
                for (RawWebSocket.Frame frame = first; !frame.fin(); ) {
                    frame = client.next(CONTINUATION);
                    echoed.writeBytes(frame.payload());
                }
                assertThat(new String(RawWebSocket.inflate(echoed.toByteArray()), StandardCharsets.UTF_8))
                        .isEqualTo(text);
            }
        }

        @Test
        void aMessageThatDecompressesOverTheLimitIs1009() {
            try (RawWebSocket client = raw("/echo/1.0", "Sec-WebSocket-Extensions: permessage-deflate")) {
                byte[] bomb = RawWebSocket.deflate(new byte[MAX_FRAME + 1024]);
                assertThat(bomb.length).isLessThan(MAX_FRAME / 100);
                client.send(true, RSV1, BINARY, bomb);
                assertFailsWith(client, CloseCodes.MESSAGE_TOO_BIG);
            }
        }

        @Test
        void anInvalidCompressedFrameIsAProtocolError() {
            try (RawWebSocket client = raw("/echo/1.0", "Sec-WebSocket-Extensions: permessage-deflate")) {
                client.send(true, RSV1, BINARY, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x12});
                assertFailsWith(client, CloseCodes.PROTOCOL_ERROR);
            }
        }

        @Test
        void switchedOffTheGatewayNegotiatesNothingOnEitherLeg() throws InterruptedException {
            deflateEchoHandshakes.clear();
            try (RawWebSocket client = RawWebSocket.connect(withoutDeflate.gateway.wsPort(), "/deflate/1.0",
                    withoutDeflate.tokens.token(TestWorld.CLIENT), "Sec-WebSocket-Extensions: " + CLIENT_OFFER)) {
                assertThat(client.responseHeader("sec-websocket-extensions")).isNull();
                client.sendText("plain");
                RawWebSocket.Frame echoed = client.next(TEXT);
                assertThat(echoed.rsv()).isZero();
                assertThat(echoed.text()).isEqualTo("plain");
            }
            assertThat(deflateEchoHandshakes.poll(5, TimeUnit.SECONDS).header("sec-websocket-extensions")).isNull();
        }
    }
}
