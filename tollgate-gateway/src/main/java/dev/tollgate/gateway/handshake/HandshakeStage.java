package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * One decision of the handshake. A stage receives the aggregated upgrade request and either passes it to the next
 * stage or refuses it. The request is released here when refused; passed on, it belongs to the next stage.
 */
abstract class HandshakeStage extends ChannelInboundHandlerAdapter {

    protected final GatewayMetrics metrics;

    HandshakeStage(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Checks the request; empty lets it through. Runs on the event loop and must not block. */
    abstract Optional<Refusal> check(FullHttpRequest request, Connection connection);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            // Anything else before the upgrade completes is noise the client should not have sent.
            ReferenceCountUtil.release(msg);
            return;
        }
        Optional<Refusal> refusal;
        try {
            refusal = check(request, Connection.of(ctx.channel()));
        } catch (RuntimeException e) {
            request.release();
            throw e;
        }
        proceed(ctx, request, refusal, metrics);
    }

    /** Passes the request to the next stage, or releases it and sends the refusal. On the event loop only. */
    static void proceed(ChannelHandlerContext ctx, FullHttpRequest request, Optional<Refusal> refusal,
            GatewayMetrics metrics) {
        if (refusal.isEmpty()) {
            ctx.fireChannelRead(request);
        } else {
            request.release();
            ctx.channel().config().setAutoRead(false);
            Refusals.send(ctx.channel(), refusal.get(), metrics);
        }
    }
}
