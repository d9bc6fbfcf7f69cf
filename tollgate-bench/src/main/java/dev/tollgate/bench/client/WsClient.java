package dev.tollgate.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * A Netty WebSocket client for load: epoll when the platform has it, OpenSSL for {@code wss} when available,
 * certificates trusted blindly (benchmarks run against self-signed servers on this machine), and the upgrade written
 * and checked by {@link Upgrade}.
 */
public final class WsClient implements AutoCloseable {

    private static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

    private final Target target;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext tls;
    private final Upgrade.Request upgradeRequest;

    public WsClient(Target target, int threads, Duration connectTimeout) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: at least 1)");
        }
        this.target = target;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.tls = target.tls() ? insecureTls() : null;
        this.upgradeRequest = new Upgrade.Request(target.uri(), target.headers(), connectTimeout, MAX_FRAME_PAYLOAD);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** The client's event loops. */
    EventLoopGroup eventLoops() {
        return group;
    }

    /** Whether this JVM uses the native epoll transport. */
    public static boolean epoll() {
        return Epoll.isAvailable();
    }

    /**
     * Connects, performs TLS and the WebSocket upgrade. The future succeeds with the channel once the 101 is in, and
     * fails (the channel closed) on a refused connection, a non-101 answer or a timeout. {@code handler} is last in the
     * pipeline: it sees the data frames once the upgrade is done, and never a control frame.
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
                        pipeline.addLast("upgrade", new Upgrade(upgradeRequest, upgraded));
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
}
