package dev.tollgate.gateway.relay;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Refuses a frame that reaches the relay with a reserved bit still set (RFC 6455 section 5.2): the leg fails with 1002.
 *
 * <p>The frame decoders let reserved bits through when permessage-deflate may be negotiated, because a decoder cannot
 * know the outcome; the deflate decoder, when installed, clears RSV1 of the frames it decompresses. So any bit still
 * set here belongs to no negotiated extension: RSV1 on a leg without deflate or on a control frame, RSV2, RSV3. The
 * violation is reported like the decoder's own, as a {@link CorruptedWebSocketFrameException} for the relay.
 */
@Sharable
final class ReservedBitsHandler extends ChannelInboundHandlerAdapter {

    static final ReservedBitsHandler INSTANCE = new ReservedBitsHandler();
    static final String NO_EXTENSION = "Reserved bits set without a negotiated extension";

    private ReservedBitsHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame && frame.rsv() != 0) {
            frame.release();
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, NO_EXTENSION);
        }
        ctx.fireChannelRead(msg);
    }
}
