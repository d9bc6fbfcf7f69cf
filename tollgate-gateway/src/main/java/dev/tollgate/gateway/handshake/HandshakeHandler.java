package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.metrics.HandshakeOutcome;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's handshake, from the connection to its {@code 101}: takes one upgrade request per connection and runs
 * the stages on it in order. A client that sends nothing within the handshake timeout gets {@code 408}; whatever it
 * sends after its request, before the relay replaces this handler, is dropped.
 *
 * <p>The stages are plain objects behind this one handler rather than a handler each: they only look at one request,
 * and a handler in the pipeline is added, passed each event and removed again for every connection.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

    private final List<HandshakeStage> stages;
    private final GatewayMetrics metrics;
    private final Duration timeout;
    private ScheduledFuture<?> timeoutTask;
    private boolean requestSeen;

    HandshakeHandler(List<HandshakeStage> stages, GatewayMetrics metrics, Duration timeout) {
        this.stages = stages;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timeoutTask = ctx.executor().schedule(() -> {
            if (!requestSeen) {
                // A request that comes after the answer is dropped, not handled.
                requestSeen = true;
                Refusals.send(ctx.channel(), Refusal.of(HttpResponseStatus.REQUEST_TIMEOUT,
                        HandshakeOutcome.BAD_REQUEST, "No WebSocket upgrade request within " + timeout.toMillis()
                                + " ms"), metrics);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (requestSeen || !(msg instanceof FullHttpRequest request)) {
            // One request per connection: anything the client sends before its 101 is not for us.
            ReferenceCountUtil.release(msg);
            return;
        }
        requestSeen = true;
        cancelTimeout();
        new Handshake(ctx, request, Connection.of(ctx.channel()), stages, metrics).proceed();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimeout();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Before the relay runs, an error (a TLS failure, a reset) just ends the connection; there is no one to tell.
        log.debug("Client connection {} failed during the handshake", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private void cancelTimeout() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
    }
}
