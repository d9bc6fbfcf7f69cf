package dev.tollgate.gateway.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Bounds the messages of one leg: the payloads of a text or binary frame and of its continuation frames are summed,
 * and a message that grows past the limit fails the leg with 1009, reported like a frame decoder's own violation (as
 * a {@link CorruptedWebSocketFrameException}) so that the relay closes the sender with 1009 and, once the sender's leg
 * is gone, the other leg with 1001. Nothing is buffered: the frames before the one that crossed the limit have already
 * been relayed, which the far end sees as a message cut short by the close.
 *
 * <p>One per leg, holding that leg's message in progress; control frames pass through uncounted.
 */
final class MessageSizeHandler extends ChannelInboundHandlerAdapter {

    static final String TOO_BIG = "Message too big";

    private final long limit;
    private long messageBytes;
    private boolean failed;

    /** @param limit the largest message, in bytes */
    MessageSizeHandler(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1 or more)");
        }
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            // The leg is closing with 1009; what it still sends is not relayed.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            messageBytes = 0;
        }
        if (msg instanceof WebSocketFrame frame && (frame instanceof TextWebSocketFrame
                || frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame)) {
            messageBytes += frame.content().readableBytes();
            if (messageBytes > limit) {
                failed = true;
                frame.release();
                throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG, TOO_BIG);
            }
        }
        ctx.fireChannelRead(msg);
    }
}
