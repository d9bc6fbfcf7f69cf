package dev.tollgate.gateway.backend;

import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.frame.SecWebSocketAccept;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandshaker;
import io.netty.util.CharsetUtil;
import java.net.URI;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The gateway's WebSocket upgrade request to a backend (RFC 6455 §4.1), written straight into one buffer: the
 * request line, {@code Host}, the upgrade headers with a fresh key, the client's subprotocols and the gateway's
 * extension offer, then the forwarded headers.
 *
 * <p>Netty's generic client handshaker builds a request object, validates its headers again and runs it through an
 * HTTP encoder; for a request whose every header is already known to be valid (the client's were validated when they
 * were decoded, the rest are the gateway's) that was most of a backend connection's cost.
 */
final class UpgradeRequest {

    private static final int KEY_BYTES = 16;

    private final URI target;
    private final String subprotocols;
    private final WebSocketClientExtensionHandshaker extensions;
    private final HttpHeaders forwarded;
    private final String key;

    /**
     * @param target the backend's {@code ws://} or {@code wss://} URI, with the path and query to request
     * @param subprotocols the client's offered subprotocols as one header value, or {@code null}
     * @param extensions the handshaker of the extension the gateway offers the backend, or {@code null}
     * @param forwarded the client's headers that go on to the backend
     */
    UpgradeRequest(URI target, String subprotocols, WebSocketClientExtensionHandshaker extensions,
            HttpHeaders forwarded) {
        this.target = target;
        this.subprotocols = subprotocols == null || subprotocols.isBlank() ? null : subprotocols;
        this.extensions = extensions;
        this.forwarded = forwarded;
        byte[] nonce = new byte[KEY_BYTES];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /** The client's offered subprotocols as one header value, or {@code null} when it offered none. */
    String subprotocols() {
        return subprotocols;
    }

    /** The handshaker of the extension the request offers, which checks the backend's answer; {@code null} if none. */
    WebSocketClientExtensionHandshaker extensions() {
        return extensions;
    }

    /** The {@code Sec-WebSocket-Accept} value a backend must answer this request's key with (RFC 6455 §4.2.2). */
    String expectedAccept() {
        return SecWebSocketAccept.of(key);
    }

    /** The whole request, ready to write. Header names and values go out as ISO-8859-1, as they were read. */
    ByteBuf encode(ByteBufAllocator allocator) {
        StringBuilder head = new StringBuilder(512);
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        head.append("GET ").append(path);
        if (target.getRawQuery() != null && !target.getRawQuery().isEmpty()) {
            head.append('?').append(target.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(hostValue())
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(key)
                .append("\r\nSec-WebSocket-Version: 13\r\n");
        if (subprotocols != null) {
            header(head, "Sec-WebSocket-Protocol", subprotocols);
        }
        if (extensions != null) {
            header(head, "Sec-WebSocket-Extensions", PerMessageDeflate.headerValue(extensions.newRequestData()));
        }
        // As the decoder made them: no string copy of each name and value on the way.
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = forwarded.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            header(head, header.getKey(), header.getValue());
        }
        head.append("\r\n");
        ByteBuf request = allocator.buffer(head.length());
        request.writeCharSequence(head, CharsetUtil.ISO_8859_1);
        return request;
    }

    private static void header(StringBuilder head, CharSequence name, CharSequence value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }

    /** The host as the URI names it, with the port unless it is the scheme's default. */
    private String hostValue() {
        int port = target.getPort();
        String host = target.getHost();
        if (port == -1) {
            return host;
        }
        boolean secure = "wss".equalsIgnoreCase(target.getScheme());
        return port == (secure ? 443 : 80) ? host : host + ':' + port;
    }
}
