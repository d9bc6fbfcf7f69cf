package dev.tollgate.gateway.compression;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.Map;

/**
 * Negotiates permessage-deflate on both legs: answers the client's offer, makes the gateway's offer to the backend.
 *
 * <p>Window sizes stay at the full 15 bits on both sides: the JDK's zlib cannot compress with a smaller window, so the
 * gateway neither offers nor accepts a smaller one for its own compressor. Context takeover is kept unless the peer
 * asks otherwise. Every decompressed message is bounded by the gateway's maximum frame payload, so a small compressed
 * frame cannot expand into an unbounded buffer.
 */
public final class PerMessageDeflate {

    private static final int COMPRESSION_LEVEL = 6;
    private static final int WINDOW_BITS = PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE;

    private final boolean enabled;
    private final int maxMessageBytes;
    private final PerMessageDeflateServerExtensionHandshaker clientLeg;

    /** @param maxMessageBytes the largest decompressed frame accepted; larger ones fail the leg with 1009 */
    public PerMessageDeflate(boolean enabled, int maxMessageBytes) {
        this.enabled = enabled;
        this.maxMessageBytes = maxMessageBytes;
        this.clientLeg = new PerMessageDeflateServerExtensionHandshaker(
                COMPRESSION_LEVEL, false, WINDOW_BITS, true, false, maxMessageBytes);
    }

    /** Whether the legs negotiate the extension at all; when not, frames with reserved bits are refused outright. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * For the client leg: the extension the gateway accepts from the client's offer (the value of its
     * {@code Sec-WebSocket-Extensions}), the first permessage-deflate offer it can honour; {@code null} for none, or
     * when the extension is disabled.
     */
    public WebSocketServerExtension clientLegAnswer(String offer) {
        if (!enabled || offer == null || offer.isBlank()) {
            return null;
        }
        for (WebSocketExtensionData offered : WebSocketExtensionUtil.extractExtensions(offer)) {
            WebSocketServerExtension accepted = clientLeg.handshakeExtension(offered);
            if (accepted != null) {
                return accepted;
            }
        }
        return null;
    }

    /** An extension's name and parameters as a {@code Sec-WebSocket-Extensions} value. */
    public static String headerValue(WebSocketExtensionData extension) {
        StringBuilder value = new StringBuilder(extension.name());
        for (Map.Entry<String, String> parameter : extension.parameters().entrySet()) {
            value.append("; ").append(parameter.getKey());
            if (parameter.getValue() != null) {
                value.append('=').append(parameter.getValue());
            }
        }
        return value.toString();
    }

    /**
     * For the backend leg: makes the gateway's own offer for the upgrade request, and checks the backend's answer to
     * it, giving the codec to install.
     */
    public WebSocketClientExtensionHandshaker backendLegHandshaker() {
        return new PerMessageDeflateClientExtensionHandshaker(
                COMPRESSION_LEVEL, false, WINDOW_BITS, false, false, maxMessageBytes);
    }
}
