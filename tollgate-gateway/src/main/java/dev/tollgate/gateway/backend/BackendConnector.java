package dev.tollgate.gateway.backend;

import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import dev.tollgate.gateway.relay.FrameReader;
import dev.tollgate.gateway.transport.Transport;
import dev.tollgate.model.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens the backend leg of a connection: TCP (and TLS) to the API's endpoint on the client's own event loop, then
 * the WebSocket handshake with the client's subprotocols and forwarded headers, all within the endpoint's
 * connection timeout.
 */
public final class BackendConnector {

    private final Transport transport;
    private final SslContext tls;
    private final int maxFramePayload;
    private final int maxMessageSize;
    private final WriteBufferWaterMark waterMark;
    private final OffLoopResolverGroup resolver;
    private final PerMessageDeflate deflate;
    private final WebSocketDecoderConfig backendFrames;

    /**
     * @param tls the client TLS context for {@code wss://} endpoints
     * @param resolverExecutor where blocking host-name lookups run, never an event loop
     * @param deflate whether the gateway offers the backend permessage-deflate
     */
    public BackendConnector(Transport transport, SslContext tls, int maxFramePayload, int maxMessageSize,
            WriteBufferWaterMark waterMark, Executor resolverExecutor, PerMessageDeflate deflate) {
        this.transport = transport;
        this.tls = tls;
        this.maxFramePayload = maxFramePayload;
        this.maxMessageSize = maxMessageSize;
        this.waterMark = waterMark;
        this.resolver = new OffLoopResolverGroup(resolverExecutor);
        this.deflate = deflate;
        this.backendFrames = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFramePayload)
                .expectMaskedFrames(false)
                .allowMaskMismatch(false)
                .allowExtensions(deflate.enabled())
                // The relay sends the close for every protocol violation, and validates UTF-8 itself.
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false)
                .build();
    }

    /**
     * The reader that relays the backend's frames as they come, for a client that cannot negotiate an extension with
     * the gateway; {@code null} when it may (its leg is then decoded, and so is this one).
     */
    private Supplier<ChannelHandler> plainReader(Connection connection, FullHttpRequest request) {
        if (deflate.enabled() && request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
            return null;
        }
        return () -> FrameReader.of(connection, Side.BACKEND, maxFramePayload, maxMessageSize);
    }

    /**
     * Connects the backend leg of {@code connection} for the client's upgrade {@code request}. The backend channel
     * is set on the connection at once, so that it can be closed if the client goes first. What the backend sends after
     * its 101 is held until the relay starts (BackendHandshakeHandler).
     */
    public Future<BackendLeg> connect(Connection connection, FullHttpRequest request) {
        EventLoop loop = connection.client().eventLoop();
        Promise<BackendLeg> result = loop.newPromise();
        Endpoint endpoint = connection.route().api().endpoint();
        URI target = BackendRequests.target(endpoint.url(), connection.route().rest(), request.uri());
        String host = target.getHost();
        int port = target.getPort() > 0 ? target.getPort() : endpoint.secure() ? 443 : 80;
        long timeoutMillis = Math.max(1, endpoint.settings().connectionTimeout().toMillis());

        UpgradeRequest upgrade = new UpgradeRequest(target,
                request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL),
                deflate.enabled() ? deflate.backendLegHandshaker() : null,
                BackendRequests.forwardedHeaders(
                        request.headers(), connection.client().remoteAddress(), connection.secure()));

        InetSocketAddress address = address(host, port);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(transport.socketChannelFactory(address))
                .resolver(resolver)
                // TCP_NODELAY is Netty's default for both transports; setting it again is one more system call.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new BackendChannelInitializer(endpoint.secure() ? tls : null, host, port, timeoutMillis,
                        upgrade, backendFrames, plainReader(connection, request), result));
        ChannelFuture connected = bootstrap.connect(address);
        connection.backend(connected.channel());
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                result.tryFailure(connectFailure(done.cause()));
            }
        });
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            result.tryFailure(BackendFailure.timeout("Backend did not complete the WebSocket handshake within "
                    + timeoutMillis + " ms"));
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        result.addListener(done -> {
            timeout.cancel(false);
            if (!done.isSuccess()) {
                connected.channel().close();
            }
        });
        return result;
    }

    /**
     * An IP literal needs no look-up, so it is connected to as it is; a name goes to the off-loop resolver, which
     * answers repeated names from its short-lived cache without leaving the event loop.
     */
    static InetSocketAddress address(String host, int port) {
        String literal = host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1) : host;
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(literal);
        if (ip == null) {
            return InetSocketAddress.createUnresolved(host, port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(literal, ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("A parsed IP literal has 4 or 16 bytes: " + literal, e);
        }
    }

    /** The descriptions name no address: the client need not learn where the backend lives. */
    private static BackendFailure connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return BackendFailure.timeout("Backend did not accept the connection in time");
        }
        if (cause instanceof UnknownHostException) {
            return BackendFailure.unreachable("Backend host is unknown", cause);
        }
        if (cause instanceof ConnectException) {
            return BackendFailure.unreachable("Backend refused the connection", cause);
        }
        return BackendFailure.unreachable("Cannot connect to the backend", cause);
    }
}
