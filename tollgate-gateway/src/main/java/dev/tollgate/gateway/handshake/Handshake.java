package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.metrics.HandshakeOutcome;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgrade request on its way through the stages: what a stage sees of it, and how it answers. The request is the
 * handshake's until a stage refuses it or the last stage takes it over. Used on the connection's event loop only.
 */
final class Handshake {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final Connection connection;
    private final List<HandshakeStage> stages;
    private final GatewayMetrics metrics;
    private int next;

    Handshake(ChannelHandlerContext ctx, FullHttpRequest request, Connection connection, List<HandshakeStage> stages,
            GatewayMetrics metrics) {
        this.ctx = ctx;
        this.request = request;
        this.connection = connection;
        this.stages = stages;
        this.metrics = metrics;
    }

    FullHttpRequest request() {
        return request;
    }

    Connection connection() {
        return connection;
    }

    Channel channel() {
        return ctx.channel();
    }

    EventExecutor executor() {
        return ctx.executor();
    }

    /** Hands the request to the next stage. */
    void proceed() {
        if (next == stages.size()) {
            throw new IllegalStateException("The last handshake stage let the request through instead of taking it");
        }
        HandshakeStage stage = stages.get(next++);
        try {
            stage.decide(this);
        } catch (RuntimeException e) {
            // Before any 101 there is no one to tell: a failing stage (or a TLS error, a reset) just ends the connection.
            if (request.refCnt() > 0) {
                request.release();
            }
            log.debug("Client connection {} failed in the handshake's {}", channel().remoteAddress(),
                    stage.getClass().getSimpleName(), e);
            ctx.close();
        }
    }

    /** Proceeds when {@code refusal} is empty, else refuses. */
    void proceedUnless(Optional<Refusal> refusal) {
        if (refusal.isEmpty()) {
            proceed();
        } else {
            refuse(refusal.get());
        }
    }

    /** Releases the request and sends the refusal; the connection closes once it is written. */
    void refuse(Refusal refusal) {
        request.release();
        channel().config().setAutoRead(false);
        Refusals.send(channel(), refusal, metrics);
    }

    /** The client left while a stage waited: releases the request and counts the handshake as abandoned. */
    void abandon() {
        request.release();
        metrics.handshake(HandshakeOutcome.ABANDONED);
    }
}
