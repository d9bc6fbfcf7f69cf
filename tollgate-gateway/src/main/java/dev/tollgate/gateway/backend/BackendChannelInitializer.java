package dev.tollgate.gateway.backend;

import dev.tollgate.gateway.connection.HandlerNames;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;
import java.util.function.Supplier;

/** The backend leg's pipeline until its handshake completes: TLS for {@code wss}, then the handshake. */
final class BackendChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SslContext tls;
    private final String host;
    private final int port;
    private final long tlsTimeoutMillis;
    private final UpgradeRequest request;
    private final WebSocketDecoderConfig frames;
    private final Supplier<ChannelHandler> plainReader;
    private final Promise<BackendLeg> result;

    BackendChannelInitializer(SslContext tls, String host, int port, long tlsTimeoutMillis, UpgradeRequest request,
            WebSocketDecoderConfig frames, Supplier<ChannelHandler> plainReader, Promise<BackendLeg> result) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.tlsTimeoutMillis = tlsTimeoutMillis;
        this.request = request;
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
        pipeline.addLast(HandlerNames.BACKEND_HANDSHAKE,
                new BackendHandshakeHandler(request, frames, plainReader, result));
    }
}
