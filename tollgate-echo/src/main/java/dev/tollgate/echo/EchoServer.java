package dev.tollgate.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty WebSocket echo server on a plain ({@code ws}) port, a TLS ({@code wss}) port, or both.
 *
 * <p>Every path is accepted. Data frames are echoed one by one as they arrive, so a fragmented message comes back as
 * the same fragments; pings are answered; a close frame is answered with the client's own close code. Frames up to
 * {@link #MAX_FRAME_PAYLOAD} bytes are accepted, larger ones are refused with close code 1009.
 *
 * <pre>{@code
 * try (EchoServer echo = EchoServer.start(EchoServer.Config.defaults())) {
 *     URI backend = echo.wsUrl();
 * }
 * }</pre>
 */
public final class EchoServer implements AutoCloseable {

    /** Largest frame payload the server takes: 16 MiB. */
    public static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EchoServer.class);
    private static final String PATH = "/echo";

    private final EventLoopGroup group;
    private final Channel wsChannel;
    private final Channel wssChannel;

    private EchoServer(EventLoopGroup group, Channel wsChannel, Channel wssChannel) {
        this.group = group;
        this.wsChannel = wsChannel;
        this.wssChannel = wssChannel;
    }

    /** Binds the configured ports and returns once the server is listening. */
    public static EchoServer start(Config config) {
        Objects.requireNonNull(config, "config");
        if (config.wsPort < 0 && config.wssPort < 0) {
            throw new IllegalArgumentException("config: both ws and wss are disabled (expected: at least one port)");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, ioHandlers);
        try {
            Channel ws = config.wsPort < 0 ? null
                    : bind(group, channelType, config, config.wsPort, null);
            Channel wss = config.wssPort < 0 ? null
                    : bind(group, channelType, config, config.wssPort, serverTls(config));
            EchoServer server = new EchoServer(group, ws, wss);
            log.info("Echo server listening: ws port {}, wss port {}", server.wsPort(), server.wssPort());
            return server;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Channel bind(
            EventLoopGroup group, Class<? extends ServerChannel> channelType, Config config, int port, SslContext tls) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .childHandler(new EchoServerInitializer(tls, MAX_FRAME_PAYLOAD, config.perMessageDeflate,
                        config.handshakeListener));
        try {
            return bootstrap.bind(new InetSocketAddress(config.host, port)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding " + config.host + ":" + port, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot bind the echo server to " + config.host + ":" + port, e);
        }
    }

    /**
     * OpenSSL where netty-tcnative is on the class path (the all-in-one server), else the JDK's TLS. Besides being
     * faster, OpenSSL spares the start Netty's JDK server context, whose first use parses a built-in key with
     * BouncyCastle when it is on the class path, and so verifies the signatures of the whole BouncyCastle jars: about
     * a second of CPU on a two-core host.
     */
    private static SslContext serverTls(Config config) {
        try {
            return SslContextBuilder.forServer(config.tlsKey, config.tlsChain)
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    // Netty's in-memory key store; PKCS#12 would run PBKDF2 twice over a key that never leaves here.
                    .keyStoreType("JKS")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot build the echo server's TLS context", e);
        }
    }

    /** The bound {@code ws} port, or -1 when plain WebSocket is disabled. */
    public int wsPort() {
        return port(wsChannel);
    }

    /** The bound {@code wss} port, or -1 when TLS is disabled. */
    public int wssPort() {
        return port(wssChannel);
    }

    /** {@code ws://localhost:PORT/echo}; fails when plain WebSocket is disabled. */
    public URI wsUrl() {
        return url("ws", wsPort());
    }

    /** {@code wss://localhost:PORT/echo}; fails when TLS is disabled. */
    public URI wssUrl() {
        return url("wss", wssPort());
    }

    /** Stops listening, closes every connection and waits (a few seconds at most) for the threads to finish. */
    @Override
    public void close() {
        if (wsChannel != null) {
            wsChannel.close().syncUninterruptibly();
        }
        if (wssChannel != null) {
            wssChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static int port(Channel channel) {
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private static URI url(String scheme, int port) {
        if (port < 0) {
            throw new IllegalStateException(scheme + " is not enabled on this echo server");
        }
        return URI.create(scheme + "://localhost:" + port + PATH);
    }

    /**
     * Runs the echo server until the process is stopped: {@code EchoServer [wsPort]}, default port 7070. A TLS port
     * needs a key and certificate, so the standalone server speaks plain {@code ws} only.
     */
    public static void main(String[] args) throws InterruptedException {
        int wsPort = args.length > 0 ? Integer.parseInt(args[0]) : 7070;
        EchoServer server = start(Config.defaults().host("0.0.0.0").wsPort(wsPort));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-shutdown"));
        server.wsChannel.closeFuture().sync();
    }

    /**
     * What the echo server listens on. Immutable: each method returns a changed copy.
     * Defaults: host {@code 127.0.0.1}, an ephemeral {@code ws} port, no {@code wss}, no permessage-deflate, no
     * handshake listener.
     */
    public static final class Config {

        private final String host;
        private final int wsPort;
        private final int wssPort;
        private final PrivateKey tlsKey;
        private final X509Certificate[] tlsChain;
        private final boolean perMessageDeflate;
        /** {@code null} when none is set: the request's headers are then not copied for each handshake. */
        private final Consumer<EchoHandshake> handshakeListener;

        private Config(String host, int wsPort, int wssPort, PrivateKey tlsKey, X509Certificate[] tlsChain,
                boolean perMessageDeflate, Consumer<EchoHandshake> handshakeListener) {
            this.host = host;
            this.wsPort = wsPort;
            this.wssPort = wssPort;
            this.tlsKey = tlsKey;
            this.tlsChain = tlsChain;
            this.perMessageDeflate = perMessageDeflate;
            this.handshakeListener = handshakeListener;
        }

        public static Config defaults() {
            return new Config("127.0.0.1", 0, -1, null, null, false, null);
        }

        /** The address to bind, default {@code 127.0.0.1}. */
        public Config host(String host) {
            Objects.requireNonNull(host, "host");
            return new Config(host, wsPort, wssPort, tlsKey, tlsChain, perMessageDeflate, handshakeListener);
        }

        /** The {@code ws} port: 0 for an ephemeral port (the default), -1 to disable plain WebSocket. */
        public Config wsPort(int port) {
            checkPort("wsPort", port);
            return new Config(host, port, wssPort, tlsKey, tlsChain, perMessageDeflate, handshakeListener);
        }

        /** Enables {@code wss} on {@code port} (0 for ephemeral) with this key and certificate chain. */
        public Config wss(int port, PrivateKey key, X509Certificate... chain) {
            checkPort("wssPort", port);
            Objects.requireNonNull(key, "key");
            if (port < 0 || chain == null || chain.length == 0) {
                throw new IllegalArgumentException("wss needs a port >= 0 and a certificate chain (got port " + port
                        + ", " + (chain == null ? 0 : chain.length) + " certificates)");
            }
            return new Config(host, wsPort, port, key, chain.clone(), perMessageDeflate, handshakeListener);
        }

        /** Whether clients may negotiate permessage-deflate (RFC 7692); default {@code false}. */
        public Config perMessageDeflate(boolean enabled) {
            return new Config(host, wsPort, wssPort, tlsKey, tlsChain, enabled, handshakeListener);
        }

        /** Called (on an event loop, so it must not block) with every accepted handshake. */
        public Config handshakeListener(Consumer<EchoHandshake> listener) {
            Objects.requireNonNull(listener, "listener");
            return new Config(host, wsPort, wssPort, tlsKey, tlsChain, perMessageDeflate, listener);
        }

        private static void checkPort(String name, int port) {
            if (port < -1 || port > 65_535) {
                throw new IllegalArgumentException(name + ": " + port + " (expected: -1 to disable, 0 for ephemeral, "
                        + "or 1-65535)");
            }
        }
    }
}
