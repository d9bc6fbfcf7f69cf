package dev.tollgate.gateway.backend;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Drives the backend's WebSocket handshake with reads paused, and completes the promise with the backend leg or the
 * reason it failed.
 *
 * <p>Frames the backend sends right after its {@code 101} arrive before the relay is in place; they are held here
 * and handed to the next handler when the relay removes this one, so none is lost or reordered.
 */
final class BackendHandshakeHandler extends ChannelInboundHandlerAdapter {

    /** The name Netty's client handshaker gives the frame decoder it installs. */
    private static final String NETTY_FRAME_DECODER = "ws-decoder";
    /** The name Netty's client handshaker gives the frame encoder it installs. */
    private static final String NETTY_FRAME_ENCODER = "ws-encoder";

    private final WebSocketClientHandshaker handshaker;
    private final WebSocketDecoderConfig frames;
    private final Supplier<ChannelHandler> plainReader;
    private final Promise<BackendLeg> result;
    private final Queue<Object> early = new ArrayDeque<>();

    /**
     * @param frames how the backend's frames are decoded once the handshake is done, if they are decoded
     * @param plainReader the reader that relays the backend's frames undecoded, where neither leg can negotiate an
     *     extension; {@code null} if the client leg may
     */
    BackendHandshakeHandler(WebSocketClientHandshaker handshaker, WebSocketDecoderConfig frames,
            Supplier<ChannelHandler> plainReader, Promise<BackendLeg> result) {
        this.handshaker = handshaker;
        this.frames = frames;
        this.plainReader = plainReader;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        handshaker.handshake(ctx.channel()).addListener(written -> {
            if (!written.isSuccess()) {
                result.tryFailure(BackendFailure.unreachable("Cannot send the handshake to the backend",
                        written.cause()));
            }
        });
        ctx.read();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (handshaker.isHandshakeComplete() || !(msg instanceof FullHttpResponse response)) {
            early.add(msg);
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
            // The handshaker's decoder would close the leg on a protocol violation itself (and without a close frame
            // for a bad close frame); the relay's rules want the violation reported instead, so it is swapped before
            // it has seen a byte: for the relay's own reader if no extension was negotiated here (the extension
            // handler installed its codec before the response reached this handler), else for a decoder that
            // reports.
            boolean plain = plainReader != null && ctx.pipeline().get(WebSocketExtensionDecoder.class) == null;
            ctx.pipeline().replace(NETTY_FRAME_DECODER, NETTY_FRAME_DECODER,
                    plain ? plainReader.get() : new WebSocket13FrameDecoder(frames));
            // Netty's encoder copies each payload to mask it; this one masks relayed payloads where they lie.
            ctx.pipeline().replace(NETTY_FRAME_ENCODER, NETTY_FRAME_ENCODER, new InPlaceMaskingFrameEncoder());
            if (!result.trySuccess(new BackendLeg(ctx.channel(), handshaker.actualSubprotocol()))) {
                ctx.close();
            }
        } catch (WebSocketClientHandshakeException e) {
            HttpResponseStatus status = e.response() == null ? null : e.response().status();
            result.tryFailure(status != null && status.code() >= 400
                    ? BackendFailure.rejected(status)
                    : BackendFailure.unreachable("Backend answered the WebSocket handshake with "
                            + (status == null ? "an invalid response" : status), e));
            ctx.close();
        } catch (WebSocketHandshakeException e) {
            result.tryFailure(BackendFailure.unreachable("Backend's handshake response is invalid", e));
            ctx.close();
        } finally {
            response.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Reads stay paused until the relay runs; until the response is complete, ask for more of it.
        if (!handshaker.isHandshakeComplete()) {
            ctx.read();
        }
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
        Object frame;
        while ((frame = early.poll()) != null) {
            if (ctx.channel().isActive()) {
                ctx.fireChannelRead(frame);
            } else {
                ReferenceCountUtil.release(frame);
            }
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
