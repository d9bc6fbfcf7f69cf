package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pumps frames from one leg to the other. There is one per leg; both run on the same event loop.
 *
 * <p>Data, ping and pong frames are forwarded unchanged, so pings measure the whole path and an application's own
 * ping payloads reach the far end; each endpoint answers the pings it gets. Each frame is written with a void promise
 * and flushed once per read burst. Ownership of a frame passes to the peer's write; a frame that cannot be forwarded
 * is released here.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    private final Connection connection;
    private final Side side;
    private final Side peerSide;
    private final Runnable onInactive;
    private boolean flushPending;

    /** @param onInactive runs once this leg is closed, after its partner has been told */
    RelayHandler(Connection connection, Side side, Runnable onInactive) {
        this.connection = connection;
        this.side = side;
        this.peerSide = side.other();
        this.onInactive = onInactive;
    }

    Side side() {
        return side;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (frame instanceof CloseWebSocketFrame close) {
            Closing.closeReceived(connection, side, close);
            return;
        }
        Channel peer = connection.channel(peerSide);
        // After its own close a leg may send nothing more; after ours reached the peer, the peer takes nothing more.
        if (connection.closeReceived(side) || connection.closeSent(peerSide) || !peer.isActive()) {
            frame.release();
            return;
        }
        int bytes = frame.content().readableBytes();
        if (side == Side.CLIENT) {
            connection.meters().clientToBackend(bytes);
        } else {
            connection.meters().backendToClient(bytes);
        }
        peer.write(frame, peer.voidPromise());
        flushPending = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
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
    public void channelInactive(ChannelHandlerContext ctx) {
        Closing.legLost(connection, side);
        onInactive.run();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            // The frame decoder has already sent this leg its close (1002, 1007, 1009) and is closing it; the partner
            // hears of it when the channel goes inactive.
            log.debug("{}: {} leg broke the protocol: {}", connection, side, cause.getMessage());
            return;
        }
        log.debug("{}: {} leg failed", connection, side, cause);
        Closing.legFailed(connection, side);
    }
}
