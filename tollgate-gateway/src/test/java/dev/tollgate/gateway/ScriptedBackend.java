package dev.tollgate.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A WebSocket backend the test drives by hand, on 127.0.0.1: it hands the test each accepted channel (to write
 * frames or close on the backend's initiative) and records every frame it receives, close frames included; it
 * answers pings itself and sends no close frame of its own. A test may replace the recorder with its own handler.
 */
final class ScriptedBackend implements AutoCloseable {

    /** A frame the backend received: its type, its payload, and for a close frame the code and reason. */
    record Received(Class<?> type, byte[] payload, int closeCode, String closeReason) {
    }

    private static final long TIMEOUT_MILLIS = 5_000;

    final BlockingQueue<Channel> channels = new LinkedBlockingQueue<>();
    final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    ScriptedBackend() {
        this(null);
    }

    /** @param app makes the handler behind the WebSocket protocol for each connection; {@code null} records frames */
    ScriptedBackend(Supplier<ChannelHandler> app) {
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handleCloseFrames(false)
                // Closing a channel drops it without a close frame: an abrupt loss, as the tests want.
                .sendCloseFrame(null)
                .maxFramePayloadLength(16 * 1024 * 1024)
                .build();
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler(protocol),
                                app == null ? new Recorder() : app.get());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/scripted");
    }

    /** The next accepted connection. */
    Channel nextChannel() throws InterruptedException {
        return poll(channels, "connection");
    }

    Received nextFrame() throws InterruptedException {
        return poll(frames, "frame");
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("The scripted backend got no " + what + " within " + TIMEOUT_MILLIS + " ms");
        }
        return item;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Recorder extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            byte[] payload = ByteBufUtil.getBytes(frame.content());
            if (frame instanceof CloseWebSocketFrame close) {
                frames.add(new Received(frame.getClass(), payload, close.statusCode(), close.reasonText()));
            } else {
                frames.add(new Received(frame.getClass(), payload, -1, null));
            }
        }
    }
}
