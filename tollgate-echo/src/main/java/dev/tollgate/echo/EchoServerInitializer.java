package dev.tollgate.echo;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;

/** The echo listener's pipeline: optional TLS, HTTP upgrade, optional permessage-deflate, WebSocket protocol, echo. */
final class EchoServerInitializer extends ChannelInitializer<SocketChannel> {

    /** Largest request head plus body the upgrade request may have; a WebSocket upgrade has no body. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 8 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final SslContext sslContext;
    private final WebSocketServerProtocolConfig protocolConfig;
    private final Consumer<EchoHandshake> handshakeListener;
    private final boolean perMessageDeflate;
    private final int maxFramePayload;

    EchoServerInitializer(SslContext sslContext, int maxFramePayload, boolean perMessageDeflate,
            Consumer<EchoHandshake> handshakeListener) {
        this.sslContext = sslContext;
        this.handshakeListener = handshakeListener;
        this.perMessageDeflate = perMessageDeflate;
        this.maxFramePayload = maxFramePayload;
        this.protocolConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                // The wildcard selects the first subprotocol the client offers, and none when it offers none.
                .subprotocols(WebSocketServerHandshaker.SUB_PROTOCOL_WILDCARD)
                .maxFramePayloadLength(maxFramePayload)
                .allowExtensions(perMessageDeflate)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (sslContext != null) {
            pipeline.addLast("tls", sslContext.newHandler(channel.alloc()));
        }
        pipeline.addLast("http-codec", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
        if (perMessageDeflate) {
            pipeline.addLast("websocket-compression", new WebSocketServerCompressionHandler(maxFramePayload));
        }
        pipeline.addLast("websocket-protocol", new WebSocketServerProtocolHandler(protocolConfig));
        pipeline.addLast("echo", new EchoFrameHandler(handshakeListener));
    }
}
