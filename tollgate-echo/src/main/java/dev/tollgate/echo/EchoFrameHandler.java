package dev.tollgate.echo;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Consumer;

/**
 * Writes every data frame back to its sender, fragment by fragment.
 *
 * <p>Echoing frames rather than aggregated messages keeps memory bounded by one frame and shows a client (and a
 * relaying gateway) exactly the framing it sent. Control frames never get here: Netty's
 * {@link WebSocketServerProtocolHandler} answers pings and completes the close handshake before this handler.
 */
final class EchoFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** {@code null} when no one listens. */
    private final Consumer<EchoHandshake> handshakeListener;

    EchoFrameHandler(Consumer<EchoHandshake> handshakeListener) {
        super(false);
        this.handshakeListener = handshakeListener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        // Ownership of the frame passes to the write, which releases it once it is on the wire.
        ctx.write(frame, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (handshakeListener != null && event instanceof WebSocketServerProtocolHandler.HandshakeComplete complete) {
            handshakeListener.accept(new EchoHandshake(
                    complete.requestUri(), copy(complete.requestHeaders()), complete.selectedSubprotocol()));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static Map<String, List<String>> copy(HttpHeaders headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Entry<String, String> header : headers) {
            copy.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue());
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        return copy;
    }
}
