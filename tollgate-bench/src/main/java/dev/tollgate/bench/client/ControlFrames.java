package dev.tollgate.bench.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * A client's answers to control frames, so that the load's handler sees only data: a ping gets its pong, a pong is
 * dropped, and the server's close frame ends the connection (it answers the client's close, or the server is going
 * away and closes the TCP connection anyway).
 */
final class ControlFrames extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()), ctx.voidPromise());
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            close.release();
            ctx.close();
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
