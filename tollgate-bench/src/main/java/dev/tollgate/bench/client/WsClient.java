package dev.tollgate.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * A Netty WebSocket client for load: epoll when the platform has it, OpenSSL for {@code wss} when available, and
 * certificates trusted blindly (benchmarks run against self-signed servers on this machine).
 */
public final class WsClient implements AutoCloseable {

    private static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;
    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;

    private final Target target;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext tls;
    private final WebSocketClientProtocolConfig protocol;

    public WsClient(Target target, int threads, Duration connectTimeout) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: at least 1)");
        }
        this.target = target;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.tls = target.tls() ? insecureTls() : null;
        HttpHeaders headers = new DefaultHttpHeaders();
        target.headers().forEach(header -> headers.add(header.name(), header.value()));
        this.protocol = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(target.uri())
                .version(WebSocketVersion.V13)
                .customHeaders(headers)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .handshakeTimeoutMillis(connectTimeout.toMillis())
                .generateOriginHeader(false)
                .dropPongFrames(true)
                .build();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** Whether this JVM uses the native epoll transport. */
    /** The client's event loops. */
    EventLoopGroup eventLoops() {
        return group;
    }

    public static boolean epoll() {
        return Epoll.isAvailable();
    }

    /**
     * Connects, performs TLS and the WebSocket upgrade. The future succeeds with the channel once the 101 is in, and
     * fails (the channel closed) on a refused connection, a non-101 answer or a timeout. {@code handler} is added
     * after the protocol handler, so it sees data frames and the handshake events.
     */
    public Future<Channel> connect(Supplier<ChannelHandler> handler) {
        Promise<Channel> upgraded = group.next().newPromise();
        ChannelFuture connect = bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (tls != null) {
                            pipeline.addLast("tls", tls.newHandler(channel.alloc(), target.host(), target.port()));
                        }
                        pipeline.addLast("http-codec", new HttpClientCodec());
                        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES));
                        pipeline.addLast("websocket-protocol", new WebSocketClientProtocolHandler(protocol));
                        pipeline.addLast("upgrade-watch", new UpgradeWatch(upgraded));
                        pipeline.addLast("load", handler.get());
                    }
                })
                .connect(target.host(), target.port());
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                upgraded.tryFailure(done.cause());
            }
        });
        upgraded.addListener(done -> {
            if (!done.isSuccess()) {
                connect.channel().close();
            }
        });
        return upgraded;
    }

    /** Closes every connection and stops the event loops, waiting a few seconds at most. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static SslContext insecureTls() {
        SslProvider provider = SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot build the client TLS context", e);
        }
    }

    /** Completes the upgrade promise: success on the 101, failure on an error or a close before it. */
    private static final class UpgradeWatch extends ChannelInboundHandlerAdapter {

        private final Promise<Channel> upgraded;

        UpgradeWatch(Promise<Channel> upgraded) {
            this.upgraded = upgraded;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                upgraded.trySuccess(ctx.channel());
            } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                upgraded.tryFailure(new IllegalStateException("handshake timeout"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (!upgraded.tryFailure(cause)) {
                super.exceptionCaught(ctx, cause);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            upgraded.tryFailure(new ClosedChannelException());
            super.channelInactive(ctx);
        }
    }
}
