package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.connection.CloseReason;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pumps frames from one leg to the other. There is one per leg; both run on the same event loop.
 *
 * <p>Data, ping and pong frames are forwarded unchanged, so pings measure the whole path and an application's own
 * ping payloads reach the far end; each endpoint answers the pings it gets. Each frame is written with a void promise
 * and flushed once per read burst. Ownership of a frame passes to the peer's write; a frame that cannot be forwarded
 * is released here.
 *
 * <p>It also keeps its leg alive for the leg's {@link IdleSweep}: every read marks the leg heard; a leg silent for half
 * the idle timeout gets a ping with the gateway's own payload (whose pong is consumed here, every other pong is
 * relayed), and one silent for all of it ends the connection with 1001.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter implements IdleSweep.Leg {

    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);
    private static final CloseReason DECOMPRESSED_TOO_BIG =
            new CloseReason(CloseCodes.MESSAGE_TOO_BIG, "Decompressed message too big");
    /** A close reason is at most 123 bytes; ASCII text of this length always fits. */
    private static final int MAX_REASON_CHARS = 123;
    private static final CloseReason BAD_COMPRESSION =
            new CloseReason(CloseCodes.PROTOCOL_ERROR, "Invalid compressed frame");
    private static final ByteBuf PING_PAYLOAD = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("tollgate-keepalive", StandardCharsets.US_ASCII)).asReadOnly();
    private static final CloseReason IDLE = new CloseReason(CloseCodes.GOING_AWAY, "Idle timeout");

    private final Connection connection;
    private final Side side;
    private final Side peerSide;
    private final IdleSweep idleSweep;
    private final Runnable onInactive;
    private boolean flushPending;
    private boolean failed;
    private final RelayedCount relayed = new RelayedCount();
    private ChannelHandlerContext ctx;
    private ChannelHandlerContext peerEncoder;
    private boolean heard = true;
    private int sweepSlot = -1;

    /**
     * @param idleSweep what watches this leg for silence, from when the handler is added until it is removed
     * @param onInactive runs once this leg is closed, after its partner has been told
     */
    RelayHandler(Connection connection, Side side, IdleSweep idleSweep, Runnable onInactive) {
        this.connection = connection;
        this.side = side;
        this.peerSide = side.other();
        this.idleSweep = idleSweep;
        this.onInactive = onInactive;
    }

    Side side() {
        return side;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        idleSweep.add(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        idleSweep.remove(this);
    }

    /**
     * Takes a frame decoded by Netty's codec, or a run of whole data frames a {@link FrameReader} passes on as their
     * bytes (already counted there), or the reader's request to end the connection.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DisconnectRequest request) {
            Closing.disconnect(connection, request.reason());
            return;
        }
        if (msg instanceof ByteBuf frames) {
            relayFrames(frames);
            return;
        }
        if (failed || !(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (frame instanceof CloseWebSocketFrame close) {
            Closing.closeReceived(connection, side, close);
            return;
        }
        if (frame instanceof PongWebSocketFrame pong && pong.content().equals(PING_PAYLOAD)) {
            pong.release();
            return;
        }
        Channel peer = connection.channel(peerSide);
        if (!mayRelay(peer)) {
            frame.release();
            return;
        }
        relayed.add(frame.content().readableBytes());
        peer.write(frame, peer.voidPromise());
        flushPending = true;
    }

    /** After its own close a leg may send nothing more; after ours reached the peer, the peer takes nothing more. */
    private boolean mayRelay(Channel peer) {
        return !failed && !connection.closeReceived(side) && !connection.closeSent(peerSide) && peer.isActive();
    }

    /** Relays whole data frames that a {@link FrameReader} passes on as the bytes they came in, already counted. */
    void relayFrames(ByteBuf frames) {
        Channel peer = connection.channel(peerSide);
        if (!mayRelay(peer)) {
            frames.release();
            return;
        }
        encodedFrames(peer).write(frames, peer.voidPromise());
        flushPending = true;
    }

    /**
     * Where the peer takes frames that are already bytes: right below its frame encoder, so that they pass only what
     * lies between it and the socket (TLS), not the whole pipeline. Bytes are relayed only between legs without an
     * extension, so no extension's encoder is skipped.
     */
    private ChannelOutboundInvoker encodedFrames(Channel peer) {
        if (peerEncoder == null || peerEncoder.isRemoved()) {
            ChannelHandlerContext encoder = peer.pipeline().context(WebSocketFrameEncoder.class);
            if (encoder == null) {
                return peer;
            }
            peerEncoder = encoder;
        }
        return peerEncoder;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        heard = true;
        relayed.report(connection, side);
        if (flushPending) {
            flushPending = false;
            connection.channel(peerSide).flush();
        }
    }

    /** Backpressure: while this leg cannot take more, stop reading the leg that feeds it. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel peer = connection.channel(peerSide);
        if (peer.isActive()) {
            peer.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof DisconnectRequest request) {
            Closing.disconnect(connection, request.reason());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public boolean heardSinceLastSweep() {
        boolean wasHeard = heard;
        heard = false;
        return wasHeard;
    }

    @Override
    public boolean isOpen() {
        return ctx.channel().isActive();
    }

    /** Pings the leg, unless the gateway already sent it a close: after its close frame an endpoint sends nothing. */
    @Override
    public void ping() {
        if (!connection.closeSent(side)) {
            ctx.writeAndFlush(new PingWebSocketFrame(PING_PAYLOAD.duplicate()), ctx.voidPromise());
        }
    }

    @Override
    public void idleOut() {
        Closing.disconnect(connection, IDLE);
    }

    @Override
    public int sweepSlot() {
        return sweepSlot;
    }

    @Override
    public void sweepSlot(int slot) {
        sweepSlot = slot;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Closing.legLost(connection, side);
        onInactive.run();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // The frame decoder, the reserved-bits check or the UTF-8 validator refused the leg's input (1002, 1007,
            // 1009); none of them closes on its own, so the close frame goes out here, whatever the frame was.
            log.debug("{}: {} leg broke the protocol: {}", connection, side, cause.getMessage());
            fail(new CloseReason(corrupted.closeStatus().code(), closeReasonText(corrupted)));
            return;
        }
        if (cause instanceof DecoderException) {
            // The permessage-deflate decoder refused the leg's input: the leg broke the protocol, the gateway did not.
            log.debug("{}: {} leg sent an invalid compressed frame: {}", connection, side, cause.getMessage());
            fail(isTooBig(cause) ? DECOMPRESSED_TOO_BIG : BAD_COMPRESSION);
            return;
        }
        if (cause instanceof IOException) {
            // A reset or a broken pipe: the leg is lost, as if it had closed; channelInactive tells the partner.
            log.debug("{}: {} leg lost: {}", connection, side, cause.getMessage());
            ctx.close();
            return;
        }
        log.debug("{}: {} leg failed", connection, side, cause);
        Closing.legFailed(connection, side);
    }

    private void fail(CloseReason reason) {
        failed = true;
        Closing.failLeg(connection, side, reason);
    }

    /** Netty's own description when it fits a close frame (123 bytes), else the status's standard text. */
    private static String closeReasonText(CorruptedWebSocketFrameException cause) {
        String message = cause.getMessage();
        return message != null && message.length() <= MAX_REASON_CHARS && StandardCharsets.US_ASCII.newEncoder()
                .canEncode(message) ? message : cause.closeStatus().reasonText();
    }

    /** Netty reports both a corrupt stream and a full buffer as a decompression failure; only the first has a cause. */
    private static boolean isTooBig(Throwable cause) {
        return cause instanceof DecompressionException && !(cause.getCause() instanceof DataFormatException);
    }
}
