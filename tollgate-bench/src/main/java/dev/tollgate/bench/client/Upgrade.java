package dev.tollgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The client half of the WebSocket opening handshake (RFC 6455 section 4.1), written and checked by hand: the target's
 * request head, fixed once per client, with a fresh key; then a {@code 101} that names the key's
 * {@code Sec-WebSocket-Accept}, {@code Upgrade: websocket} and {@code Connection: Upgrade}, or the upgrade fails. On
 * success the frame codecs and {@link ControlFrames} take its place and the promise gets the channel.
 *
 * <p>Not Netty's {@code WebSocketClientProtocolHandler}: with its HTTP codec, aggregator, and request and response
 * objects, the load generator spent as much CPU per handshake as the proxy it measured, CPU taken from that proxy on a
 * machine with two cores. The load generator must be the cheapest process in a handshake run.
 */
final class Upgrade extends ChannelInboundHandlerAdapter {

    /** Far more than any upgrade answer; an error page's head must fit too. */
    static final int MAX_RESPONSE_HEAD_BYTES = 16 * 1024;
    private static final int KEY_BYTES = 16;
    private static final byte[] ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final FastThreadLocal<MessageDigest> SHA1 = new FastThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() throws NoSuchAlgorithmException {
            return MessageDigest.getInstance("SHA-1");
        }
    };

    private final Request request;
    private final Promise<Channel> upgraded;
    private String expectedAccept;
    private ByteBuf received;
    private ScheduledFuture<?> timeout;

    Upgrade(Request request, Promise<Channel> upgraded) {
        this.request = request;
        this.upgraded = upgraded;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timeout = ctx.executor().schedule(() -> fail(ctx, "timeout"), request.timeoutNanos, TimeUnit.NANOSECONDS);
        byte[] key = new byte[KEY_BYTES];
        ThreadLocalRandom.current().nextBytes(key);
        byte[] encodedKey = Base64.getEncoder().encode(key);
        expectedAccept = accept(encodedKey);
        ByteBuf head = ctx.alloc().buffer(request.head.length + encodedKey.length + HEAD_END.length);
        head.writeBytes(request.head).writeBytes(encodedKey).writeBytes(HEAD_END);
        // With TLS, the TLS handler holds this until its own handshake is done.
        ctx.writeAndFlush(head, ctx.voidPromise());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (upgraded.isDone() || !(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        received = received == null ? bytes : joined(ctx, received, bytes);
        int end = headEnd(received);
        if (end < 0) {
            if (received.readableBytes() > MAX_RESPONSE_HEAD_BYTES) {
                fail(ctx, "response head larger than " + MAX_RESPONSE_HEAD_BYTES + " bytes");
            }
            return;
        }
        String head = received.toString(received.readerIndex(), end - received.readerIndex(), CharsetUtil.ISO_8859_1);
        received.readerIndex(end);
        String refusal = check(head);
        if (refusal != null) {
            fail(ctx, refusal);
            return;
        }
        complete(ctx);
    }

    /** Why the head is not a valid answer to this request's key, or {@code null} when it is. */
    private String check(String head) {
        // "HTTP/1.1 101 Switching Protocols": the version, a space, three digits, then a space or the line's end.
        if (!head.startsWith("HTTP/1.1 ") || head.length() < 12 || !isStatusEnd(head.charAt(12))) {
            return "malformed response";
        }
        int status = digits(head, 9, 12);
        if (status != 101) {
            return status < 0 ? "malformed response" : Integer.toString(status);
        }
        String upgrade = null;
        String connection = null;
        String accept = null;
        for (int start = head.indexOf("\r\n") + 2; start < head.length(); ) {
            int end = head.indexOf("\r\n", start);
            if (end < 0) {
                end = head.length();
            }
            int colon = head.indexOf(':', start);
            if (colon > start && colon < end) {
                String value = head.substring(colon + 1, end).strip();
                if (isName(head, start, colon, "upgrade")) {
                    upgrade = value;
                } else if (isName(head, start, colon, "connection")) {
                    connection = value;
                } else if (isName(head, start, colon, "sec-websocket-accept")) {
                    accept = value;
                }
            }
            start = end + 2;
        }
        if (!"websocket".equalsIgnoreCase(upgrade) || !hasToken(connection, "upgrade")) {
            return "101 without Upgrade: websocket and Connection: Upgrade";
        }
        if (!expectedAccept.equals(accept)) {
            return "wrong Sec-WebSocket-Accept";
        }
        return null;
    }

    private void complete(ChannelHandlerContext ctx) {
        cancelTimeout();
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(ctx.name(), "frame-decoder", new WebSocket13FrameDecoder(request.frames));
        pipeline.addAfter("frame-decoder", "frame-encoder", new WebSocket13FrameEncoder(true));
        pipeline.addAfter("frame-encoder", "control-frames", new ControlFrames());
        ByteBuf rest = received;
        received = null;
        pipeline.remove(this);
        upgraded.trySuccess(ctx.channel());
        // Frames the server sent right behind its 101 go to the decoder, which follows this removed handler.
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        if (upgraded.tryFailure(new UpgradeException(why))) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (upgraded.tryFailure(cause)) {
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!upgraded.isDone()) {
            upgraded.tryFailure(new UpgradeException("closed before the 101"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
        if (received != null) {
            received.release();
            received = null;
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private static String accept(byte[] encodedKey) {
        MessageDigest sha1 = SHA1.get();
        sha1.update(encodedKey);
        return Base64.getEncoder().encodeToString(sha1.digest(ACCEPT_GUID));
    }

    /** The index right after the blank line that ends the head, or -1 if it has not all arrived. */
    private static int headEnd(ByteBuf in) {
        int limit = in.writerIndex();
        for (int i = in.readerIndex(); i + 3 < limit; ) {
            int lf = in.indexOf(i + 1, limit, (byte) '\n');
            if (lf < 0 || lf + 2 >= limit) {
                return -1;
            }
            if (in.getByte(lf - 1) == '\r' && in.getByte(lf + 1) == '\r' && in.getByte(lf + 2) == '\n') {
                return lf + 3;
            }
            i = lf;
        }
        return -1;
    }

    /** A head split across reads, in one buffer: rare, so simply copied. */
    private static ByteBuf joined(ChannelHandlerContext ctx, ByteBuf first, ByteBuf next) {
        ByteBuf joined = ctx.alloc().buffer(first.readableBytes() + next.readableBytes());
        joined.writeBytes(first).writeBytes(next);
        first.release();
        next.release();
        return joined;
    }

    private static boolean hasToken(String commaSeparated, String token) {
        if (commaSeparated == null) {
            return false;
        }
        for (String candidate : commaSeparated.split(",")) {
            if (candidate.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStatusEnd(char c) {
        return c == ' ' || c == '\r';
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isName(String head, int start, int colon, String lowerCaseName) {
        return colon - start == lowerCaseName.length() && head.regionMatches(true, start, lowerCaseName, 0, colon - start);
    }

    /** What every upgrade of one client shares: the request head up to the key, the time allowed, the frame limits. */
    static final class Request {

        private final byte[] head;
        private final long timeoutNanos;
        private final WebSocketDecoderConfig frames;

        Request(URI uri, List<Target.Header> headers, Duration timeout, int maxFramePayload) {
            StringBuilder head = new StringBuilder(256);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            head.append("GET ").append(path);
            if (uri.getRawQuery() != null) {
                head.append('?').append(uri.getRawQuery());
            }
            head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
            if (uri.getPort() > 0) {
                head.append(':').append(uri.getPort());
            }
            head.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n");
            for (Target.Header header : headers) {
                head.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
            head.append("Sec-WebSocket-Key: ");
            this.head = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            this.timeoutNanos = timeout.toNanos();
            this.frames = WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(false)
                    .allowExtensions(false)
                    .maxFramePayloadLength(maxFramePayload)
                    .build();
        }
    }
}
