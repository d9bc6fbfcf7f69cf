package dev.tollgate.gateway.compression;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;

/**
 * Makes the permessage-deflate negotiators of both legs. Each negotiator is a new handler per channel.
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

    /** @param maxMessageBytes the largest decompressed frame accepted; larger ones fail the leg with 1009 */
    public PerMessageDeflate(boolean enabled, int maxMessageBytes) {
        this.enabled = enabled;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Whether the legs negotiate the extension at all; when not, frames with reserved bits are refused outright. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * For the client leg, after the HTTP codec: reads the client's offer from the upgrade request, answers it in the
     * {@code 101}, and installs the codec once the {@code 101} is written. A refused handshake leaves it unused.
     */
    public ChannelHandler clientLegNegotiator() {
        return new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(
                COMPRESSION_LEVEL, false, WINDOW_BITS, true, false, maxMessageBytes));
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
