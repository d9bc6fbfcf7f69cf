package dev.tollgate.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.backend.UpgradeResponse.MalformedResponseException;
import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.frame.SecWebSocketAccept;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The backend upgrade the gateway writes and parses itself: the request on the wire, and every answer to it. */
class BackendHandshakeTest {

    private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: (\\S+)\r\n");
    private static final WebSocketDecoderConfig FRAMES = WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(false).allowExtensions(true).build();

    /** Collects what reaches the end of the pipeline. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Object> read = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            read.add(msg);
        }
    }

    private final Sink plainReader = new Sink();
    private EmbeddedChannel channel;
    private Promise<BackendLeg> result;
    private String request;

    private void connect(String subprotocols, boolean offerDeflate) {
        WebSocketClientExtensionHandshaker deflate = offerDeflate
                ? new PerMessageDeflate(true, 1 << 20).backendLegHandshaker() : null;
        UpgradeRequest upgrade = new UpgradeRequest(URI.create("ws://backend.test:7070/echo/room?x=1"), subprotocols,
                deflate,
                new DefaultHttpHeaders().add("Origin", "https://app").add("X-Cafe", "cr\u00e8me"));
        channel = new EmbeddedChannel(false, false);
        result = ImmediateEventExecutor.INSTANCE.newPromise();
        Supplier<ChannelHandler> reader = () -> plainReader;
        channel.pipeline().addLast("backend-handshake",
                new BackendHandshakeHandler(upgrade, FRAMES, reader, result));
        try {
            channel.register();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        ByteBuf written = channel.readOutbound();
        request = written.toString(CharsetUtil.ISO_8859_1);
        written.release();
    }

    private String accept() {
        Matcher key = KEY.matcher(request);
        assertThat(key.find()).isTrue();
        return SecWebSocketAccept.of(key.group(1));
    }

    private void answer(String head) {
        channel.writeInbound(Unpooled.copiedBuffer(head, CharsetUtil.ISO_8859_1));
    }

    private String switching(String extraHeaders) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept() + "\r\n" + extraHeaders + "\r\n";
    }

    private String failure() {
        assertThat(result.isDone()).isTrue();
        assertThat(result.isSuccess()).isFalse();
        return result.cause().getMessage();
    }

    @Test
    void theAcceptValueIsRfc6455sExample() {
        assertThat(SecWebSocketAccept.of("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(SecWebSocketAccept.of(" dGhlIHNhbXBsZSBub25jZQ==\t")).as("white space around the key")
                .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void theRequestCarriesTheUpgradeHeadersTheOfferAndTheForwardedHeadersAsTheyWereRead() {
        connect("mqtt, chat", true);
        assertThat(request).startsWith("GET /echo/room?x=1 HTTP/1.1\r\nHost: backend.test:7070\r\n")
                .contains("Upgrade: websocket\r\n", "Connection: Upgrade\r\n", "Sec-WebSocket-Version: 13\r\n",
                        "Sec-WebSocket-Protocol: mqtt, chat\r\n", "Sec-WebSocket-Extensions: permessage-deflate",
                        "Origin: https://app\r\n", "X-Cafe: cr\u00e8me\r\n")
                .endsWith("\r\n\r\n");
        assertThat(KEY.matcher(request).results().count()).isEqualTo(1);
        String key = KEY.matcher(request).results().findFirst().orElseThrow().group(1);
        assertThat(java.util.Base64.getDecoder().decode(key)).hasSize(16);
    }

    @Test
    void aDefaultPortIsLeftOutOfTheHostAndAnEmptyPathIsSlash() {
        UpgradeRequest upgrade = new UpgradeRequest(URI.create("wss://b.test:443"), null, null,
                new DefaultHttpHeaders());
        ByteBuf encoded = upgrade.encode(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        assertThat(encoded.toString(CharsetUtil.ISO_8859_1))
                .startsWith("GET / HTTP/1.1\r\nHost: b.test\r\n").doesNotContain("Sec-WebSocket-Protocol");
        encoded.release();
    }

    @Test
    void framesThatCameWithThe101ReachTheDecoderOnceTheHandshakeHandlerIsRemoved() {
        connect("mqtt, chat", false);
        ByteBuf response = Unpooled.copiedBuffer(switching("Sec-WebSocket-Protocol: chat\r\n"),
                CharsetUtil.ISO_8859_1);
        channel.writeInbound(Unpooled.wrappedBuffer(response, Unpooled.wrappedBuffer(new byte[] {(byte) 0x82, 1, 42})));
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.getNow().subprotocol()).isEqualTo("chat");
        assertThat(plainReader.read).isEmpty();

        channel.pipeline().remove("backend-handshake");
        assertThat(plainReader.read).hasSize(1);
        ByteBuf early = (ByteBuf) plainReader.read.get(0);
        assertThat(early.readableBytes()).isEqualTo(3);
        assertThat(early.getByte(early.readerIndex() + 2)).isEqualTo((byte) 42);
        early.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aResponseInPiecesIsReadToTheEnd() {
        connect(null, false);
        String response = switching("");
        for (int i = 0; i < response.length(); i++) {
            assertThat(result.isDone()).isFalse();
            answer(response.substring(i, i + 1));
        }
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.getNow().subprotocol()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void aBackendMayChooseNoneOfTheOfferedSubprotocolsAndTheClientDecides() {
        connect("mqtt", false);
        answer(switching(""));
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.getNow().subprotocol()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void anAcceptedDeflateOfferInstallsItsCodecAndTheDecodingReader() {
        connect(null, true);
        answer(switching("Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        assertThat(result.isSuccess()).isTrue();
        assertThat(channel.pipeline().get(WebSocketExtensionDecoder.class)).isNotNull();
        assertThat(channel.pipeline().get(Sink.class)).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void anErrorStatusIsPassedOnWithItsReason() {
        connect(null, false);
        answer("HTTP/1.1 403 Go Away\r\nContent-Length: 2\r\n\r\n{}");
        BackendFailure failure = (BackendFailure) result.cause();
        assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.REJECTED);
        assertThat(failure.status().code()).isEqualTo(403);
        assertThat(failure.status().reasonPhrase()).isEqualTo("Go Away");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aNonErrorStatusOtherThan101IsABadGateway() {
        connect(null, false);
        answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(failure()).isEqualTo("Backend answered the WebSocket handshake with 200 OK");
        assertThat(((BackendFailure) result.cause()).status().code()).isEqualTo(502);
    }

    @Test
    void invalid101sAreRefusedWithWhatIsWrong() {
        connect("mqtt", false);
        answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBvbmU=\r\n\r\n");
        assertThat(failure()).isEqualTo("Backend's handshake response is invalid: wrong Sec-WebSocket-Accept");

        connect("mqtt", false);
        answer(switching("Sec-WebSocket-Protocol: MQTT\r\n"));
        assertThat(failure()).endsWith("a subprotocol the client did not offer");

        connect(null, false);
        answer(switching("Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        assertThat(failure()).endsWith("an extension the gateway did not offer");

        connect(null, true);
        answer(switching("Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99\r\n"));
        assertThat(failure()).endsWith("extension parameters the gateway did not offer");

        connect(null, false);
        answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n");
        assertThat(failure()).endsWith("no Upgrade: websocket");

        connect(null, false);
        answer("SSH-2.0-OpenSSH\r\n\r\n");
        assertThat(failure()).isEqualTo("Backend's handshake response is invalid: not an HTTP/1.x status line");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aHeadThatNeverEndsIsRefusedOnceTooLarge() {
        connect(null, false);
        answer("HTTP/1.1 101 Switching Protocols\r\n");
        String filler = "X-Filler: " + "y".repeat(1000) + "\r\n";
        for (int i = 0; i < 20 && !result.isDone(); i++) {
            answer(filler);
        }
        assertThat(failure()).endsWith("response head larger than 16384 bytes");
    }

    @Test
    void headersMayRepeatFoldAndEndInBareLineFeeds() throws MalformedResponseException {
        ByteBuf head = Unpooled.copiedBuffer("HTTP/1.0 101\nConnection: keep-alive\nconnection: Upgrade\n"
                + "X-Long: a\n  b\n\nrest", CharsetUtil.ISO_8859_1);
        UpgradeResponse response = UpgradeResponse.parse(head);
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.reason()).isEmpty();
        assertThat(response.header("connection")).isEqualTo("keep-alive, Upgrade");
        assertThat(response.header("x-long")).isEqualTo("a b");
        assertThat(head.toString(CharsetUtil.ISO_8859_1)).isEqualTo("rest");
        head.release();

        ByteBuf partial = Unpooled.copiedBuffer("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n\r", CharsetUtil.ISO_8859_1);
        assertThat(UpgradeResponse.parse(partial)).isNull();
        assertThat(partial.readerIndex()).isZero();
        partial.release();

        ByteBuf spaceBeforeColon = Unpooled.copiedBuffer("HTTP/1.1 101 OK\r\nUpgrade : websocket\r\n\r\n",
                CharsetUtil.ISO_8859_1);
        assertThatThrownBy(() -> UpgradeResponse.parse(spaceBeforeColon))
                .isInstanceOf(MalformedResponseException.class).hasMessage("malformed header line");
        spaceBeforeColon.release();
    }
}
