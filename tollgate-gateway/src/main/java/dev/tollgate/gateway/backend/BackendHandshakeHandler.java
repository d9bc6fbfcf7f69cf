package dev.tollgate.gateway.backend;

import dev.tollgate.gateway.backend.UpgradeResponse.MalformedResponseException;
import dev.tollgate.gateway.connection.HandlerNames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Drives the backend's WebSocket handshake: writes the {@link UpgradeRequest}, parses the
 * {@link UpgradeResponse}, checks it as RFC 6455 §4.1 asks of a client, installs the leg's frame codecs (and the
 * permessage-deflate codec if the backend accepted the gateway's offer), and completes the promise with the backend
 * leg or the reason it failed.
 *
 * <p>Bytes the backend sends right after its {@code 101} arrive before the relay is in place; they are held here and
 * handed to the frame decoder when the relay removes this handler, so none is lost or reordered.
 */
final class BackendHandshakeHandler extends ChannelInboundHandlerAdapter {

    private final UpgradeRequest request;
    private final WebSocketDecoderConfig frames;
    private final Supplier<ChannelHandler> plainReader;
    private final Promise<BackendLeg> result;
    /** The response as it arrives, then whatever followed it. */
    private ByteBuf received;
    private boolean upgraded;

    /**
     * @param frames how the backend's frames are decoded once the handshake is done, if they are decoded
     * @param plainReader the reader that relays the backend's frames undecoded, where neither leg can negotiate an
     *     extension; {@code null} if the client leg may
     */
    BackendHandshakeHandler(UpgradeRequest request, WebSocketDecoderConfig frames,
            Supplier<ChannelHandler> plainReader, Promise<BackendLeg> result) {
        this.request = request;
        this.frames = frames;
        this.plainReader = plainReader;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(request.encode(ctx.alloc())).addListener(written -> {
            if (!written.isSuccess()) {
                result.tryFailure(BackendFailure.unreachable("Cannot send the handshake to the backend",
                        written.cause()));
            }
        });
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        received = received == null ? bytes
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), received, bytes);
        if (upgraded) {
            // Frames the backend sends before the relay starts wait here; reading stops until it does (the relay
            // resumes it), so that a backend cannot fill the gateway's memory in the meantime.
            ctx.channel().config().setAutoRead(false);
            return;
        }
        try {
            UpgradeResponse response = UpgradeResponse.parse(received);
            if (response != null) {
                upgraded = true;
                finish(ctx, response);
            }
        } catch (MalformedResponseException e) {
            fail(ctx, BackendFailure.unreachable("Backend's handshake response is invalid: " + e.getMessage(), null));
        }
    }

    private void finish(ChannelHandlerContext ctx, UpgradeResponse response) {
        if (response.status() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            HttpResponseStatus status = new HttpResponseStatus(response.status(), response.reason());
            fail(ctx, response.status() >= 400 ? BackendFailure.rejected(status)
                    : BackendFailure.unreachable("Backend answered the WebSocket handshake with " + status, null));
            return;
        }
        String invalid = invalidUpgrade(response);
        if (invalid != null) {
            fail(ctx, BackendFailure.unreachable("Backend's handshake response is invalid: " + invalid, null));
            return;
        }
        WebSocketClientExtension extension;
        try {
            extension = acceptedExtension(response.header("sec-websocket-extensions"));
        } catch (IllegalArgumentException e) {
            fail(ctx, BackendFailure.unreachable("Backend's handshake response is invalid: " + e.getMessage(), null));
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        // The relay sends the close for every protocol violation, so the decoder only reports it: the relay's own
        // reader where no extension was negotiated on either leg, else Netty's decoder, set up to report.
        ChannelHandler decoder = extension == null && plainReader != null ? plainReader.get()
                : new WebSocket13FrameDecoder(frames);
        // Netty's encoder copies each payload to mask it; this one masks relayed payloads where they lie.
        // Behind this handler, so that what it holds goes through the decoder; the extension's encoder nearer the
        // relay than the frame encoder, so that frames are compressed before they are framed.
        pipeline.addAfter(ctx.name(), HandlerNames.FRAME_ENCODER, new InPlaceMaskingFrameEncoder());
        pipeline.addAfter(HandlerNames.FRAME_ENCODER, HandlerNames.FRAME_DECODER, decoder);
        if (extension != null) {
            pipeline.addAfter(HandlerNames.FRAME_DECODER, HandlerNames.EXTENSION_DECODER,
                    extension.newExtensionDecoder());
            pipeline.addAfter(HandlerNames.EXTENSION_DECODER, HandlerNames.EXTENSION_ENCODER,
                    extension.newExtensionEncoder());
        }
        String subprotocol = response.header("sec-websocket-protocol");
        if (!result.trySuccess(new BackendLeg(ctx.channel(), subprotocol == null || subprotocol.isEmpty()
                ? null : subprotocol))) {
            ctx.close();
        }
    }

    /** What makes a {@code 101} unacceptable (RFC 6455 §4.1, the client's checks), or {@code null}. */
    private String invalidUpgrade(UpgradeResponse response) {
        if (!"websocket".equalsIgnoreCase(response.header("upgrade"))) {
            return "no Upgrade: websocket";
        }
        if (!hasToken(response.header("connection"), "upgrade", true)) {
            return "no Connection: Upgrade";
        }
        if (!request.expectedAccept().equals(response.header("sec-websocket-accept"))) {
            return "wrong Sec-WebSocket-Accept";
        }
        String chosen = response.header("sec-websocket-protocol");
        if (chosen != null && !chosen.isEmpty()
                && (request.subprotocols() == null || !hasToken(request.subprotocols(), chosen, false))) {
            return "a subprotocol the client did not offer";
        }
        return null;
    }

    /**
     * The extension the backend accepted, or {@code null} for none; an extension the gateway did not offer, or
     * offered differently, is refused as RFC 6455 §9.1 asks.
     */
    private WebSocketClientExtension acceptedExtension(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<WebSocketExtensionData> accepted = WebSocketExtensionUtil.extractExtensions(header);
        WebSocketClientExtensionHandshaker extensions = request.extensions();
        if (extensions == null || accepted.size() != 1) {
            throw new IllegalArgumentException("an extension the gateway did not offer");
        }
        WebSocketClientExtension extension = extensions.handshakeExtension(accepted.get(0));
        if (extension == null) {
            throw new IllegalArgumentException("extension parameters the gateway did not offer");
        }
        return extension;
    }

    /** Whether a comma-separated header value lists {@code token}; subprotocol names are case-sensitive. */
    private static boolean hasToken(String list, String token, boolean ignoreCase) {
        if (list == null) {
            return false;
        }
        for (String entry : list.split(",")) {
            String name = entry.strip();
            if (ignoreCase ? name.equalsIgnoreCase(token) : name.equals(token)) {
                return true;
            }
        }
        return false;
    }

    private void fail(ChannelHandlerContext ctx, BackendFailure failure) {
        upgraded = true;
        result.tryFailure(failure);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.tryFailure(BackendFailure.unreachable("Backend closed the connection during the handshake", null));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.tryFailure(BackendFailure.unreachable(isTls(cause) ? "TLS handshake with the backend failed"
                : "Backend connection failed", cause));
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ByteBuf early = received;
        received = null;
        if (early == null) {
            return;
        }
        if (early.isReadable() && upgraded && ctx.channel().isActive() && result.isSuccess()) {
            ctx.fireChannelRead(early);
        } else {
            early.release();
        }
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }
}
