package dev.tollgate.gateway.server;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.HandlerNames;
import dev.tollgate.gateway.handshake.HandshakeHandlers;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;

/**
 * The pipeline of a client connection, in protocol order: TLS (on {@code wss}), HTTP, then the handshake, which runs
 * its stages (upgrade request, routing, origin, authentication, subscription, throttle admission, backend connect) on
 * the request. The last stage swaps HTTP for the WebSocket frame codecs (and the permessage-deflate codec if
 * negotiated) as it writes the {@code 101}, and the relay replaces the handshake handler.
 */
final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_INITIAL_LINE_BYTES = 4096;
    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CHUNK_BYTES = 8192;
    /** An upgrade request has no body; a few bytes of slack tolerate a client that sends an empty chunk. */
    private static final int MAX_REQUEST_BODY_BYTES = 64;

    private final SslContext tls;
    private final Duration handshakeTimeout;
    private final HandshakeHandlers handshake;

    /** @param tls the server TLS context on the {@code wss} listener, {@code null} on {@code ws} */
    GatewayChannelInitializer(SslContext tls, Duration handshakeTimeout, HandshakeHandlers handshake) {
        this.tls = tls;
        this.handshakeTimeout = handshakeTimeout;
        this.handshake = handshake;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        Connection.open(channel, tls != null);
        ChannelPipeline pipeline = channel.pipeline();
        addTlsHandler(channel, pipeline);
        addHttpHandlers(pipeline);
        pipeline.addLast(HandlerNames.HANDSHAKE, handshake.newHandler());
    }

    private void addTlsHandler(SocketChannel channel, ChannelPipeline pipeline) {
        if (tls != null) {
            SslHandler tlsHandler = tls.newHandler(channel.alloc());
            tlsHandler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
            pipeline.addLast(HandlerNames.TLS, tlsHandler);
        }
    }

    private void addHttpHandlers(ChannelPipeline pipeline) {
        pipeline.addLast(HandlerNames.HTTP_CODEC,
                new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
        pipeline.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BODY_BYTES));
    }
}
