package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.connection.CloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a leg alive and ends it when it stays silent. Behind an {@link io.netty.handler.timeout.IdleStateHandler}
 * that reports reader idleness every half idle timeout: the first report pings the leg, a second one in a row (a
 * whole idle timeout of silence, the ping unanswered) ends the connection with 1001.
 *
 * <p>The gateway's own pings carry a fixed payload; their pongs are consumed here, every other pong is relayed.
 */
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    private static final ByteBuf PING_PAYLOAD = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("tollgate-keepalive", StandardCharsets.US_ASCII)).asReadOnly();
    private static final CloseReason IDLE = new CloseReason(CloseCodes.GOING_AWAY, "Idle timeout");

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (idle.isFirst()) {
                ctx.writeAndFlush(new PingWebSocketFrame(PING_PAYLOAD.duplicate()));
            } else {
                ctx.fireUserEventTriggered(new DisconnectRequest(IDLE));
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PongWebSocketFrame pong && pong.content().equals(PING_PAYLOAD)) {
            pong.release();
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
