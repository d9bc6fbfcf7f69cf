package dev.tollgate.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Netty WebSocket client for what the JDK's cannot do: permessage-deflate, and reading at its own pace. It records
 * the reserved bits of every data frame as it arrived on the wire (before decompression) and the whole messages.
 * Every wait is bounded by {@link #TIMEOUT_MILLIS}.
 */
final class NettyWebSocket implements AutoCloseable {

    static final long TIMEOUT_MILLIS = 5_000;

    private final EventLoopGroup group;
    private final Channel channel;
    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final List<Integer> wireRsv = new CopyOnWriteArrayList<>();

    private NettyWebSocket(URI uri, String token, boolean deflate, ChannelHandler app) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        WebSocketClientProtocolConfig protocol = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(new DefaultHttpHeaders().set("Authorization", "Bearer " + token))
                .allowExtensions(deflate)
                .maxFramePayloadLength(16 * 1024 * 1024)
                .handshakeTimeoutMillis(TIMEOUT_MILLIS)
                .build();
        try {
            channel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                    new WireTap());
                            if (deflate) {
                                ch.pipeline().addLast(new WebSocketClientCompressionHandler(16 * 1024 * 1024));
                            }
                            ch.pipeline().addLast(new WebSocketClientProtocolHandler(protocol),
                                    new HandshakeWatcher(handshake), app == null ? new Recorder() : app);
                        }
                    })
                    .connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
            handshake.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new AssertionError("The WebSocket handshake with " + uri + " failed", e);
        }
    }

    /** Connects; {@code deflate} offers permessage-deflate; {@code app} replaces the message recorder. */
    static NettyWebSocket connect(URI uri, String token, boolean deflate, ChannelHandler app) {
        return new NettyWebSocket(uri, token, deflate, app);
    }

    static NettyWebSocket connect(URI uri, String token, boolean deflate) {
        return connect(uri, token, deflate, null);
    }

    Channel channel() {
        return channel;
    }

    void sendText(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    void sendBinary(byte[] bytes) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).syncUninterruptibly();
    }

    /** The next whole message: a {@link String} for text, a {@code byte[]} for binary. */
    Object nextMessage() throws InterruptedException {
        Object message = messages.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No message within " + TIMEOUT_MILLIS + " ms");
        }
        return message;
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(CloseCodes.NORMAL, ""));
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Sees frames as decoded from the wire, before any decompression. */
    private final class WireTap extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                wireRsv.add(((WebSocketFrame) msg).rsv());
            }
            ctx.fireChannelRead(msg);
        }
    }

    private static final class HandshakeWatcher extends ChannelInboundHandlerAdapter {

        private final CompletableFuture<Void> handshake;

        HandshakeWatcher(CompletableFuture<Void> handshake) {
            this.handshake = handshake;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(null);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshake.completeExceptionally(new AssertionError("handshake timed out"));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.completeExceptionally(cause);
            ctx.fireExceptionCaught(cause);
        }
    }

    private final class Recorder extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                messages.add(text.content().toString(StandardCharsets.UTF_8));
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                messages.add(ByteBufUtil.getBytes(binary.content()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
