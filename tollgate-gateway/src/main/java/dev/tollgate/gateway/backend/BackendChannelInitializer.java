package dev.tollgate.gateway.backend;

import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.connection.HandlerNames;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;
import java.util.function.Supplier;

/**
 * The backend leg's pipeline until its handshake completes: TLS for {@code wss}, HTTP client, the permessage-deflate
 * offer, handshake.
 */
final class BackendChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** A refusal from the backend may carry an error page; only its status is used, but it must fit. */
    private static final int MAX_HANDSHAKE_RESPONSE_BYTES = 64 * 1024;

    private final SslContext tls;
    private final String host;
    private final int port;
    private final long tlsTimeoutMillis;
    private final PerMessageDeflate deflate;
    private final WebSocketClientHandshaker handshaker;
    private final WebSocketDecoderConfig frames;
    private final Supplier<ChannelHandler> plainReader;
    private final Promise<BackendLeg> result;

    BackendChannelInitializer(SslContext tls, String host, int port, long tlsTimeoutMillis, PerMessageDeflate deflate,
            WebSocketClientHandshaker handshaker, WebSocketDecoderConfig frames, Supplier<ChannelHandler> plainReader,
            Promise<BackendLeg> result) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.tlsTimeoutMillis = tlsTimeoutMillis;
        this.deflate = deflate;
        this.handshaker = handshaker;
        this.frames = frames;
        this.plainReader = plainReader;
        this.result = result;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            // Host and port give SNI and the name the certificate is checked against.
            SslHandler tlsHandler = tls.newHandler(channel.alloc(), host, port);
            tlsHandler.setHandshakeTimeoutMillis(tlsTimeoutMillis);
            pipeline.addLast(HandlerNames.TLS, tlsHandler);
        }
        pipeline.addLast(HandlerNames.HTTP_CODEC, new HttpClientCodec());
        pipeline.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE_BYTES));
        if (deflate.enabled()) {
            pipeline.addLast(HandlerNames.WEBSOCKET_EXTENSIONS, deflate.backendLegNegotiator());
        }
        pipeline.addLast(HandlerNames.BACKEND_HANDSHAKE, new BackendHandshakeHandler(handshaker, frames, plainReader, result));
    }
}
