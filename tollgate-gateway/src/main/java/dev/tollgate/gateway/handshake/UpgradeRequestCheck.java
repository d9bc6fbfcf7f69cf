package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.HandshakeOutcome;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.util.Base64;
import java.util.Optional;

/**
 * Accepts only a well-formed WebSocket (version 13) upgrade {@code GET}. Malformed HTTP gets 400 (431, 414 or 413 for
 * what is too large), another method 405, another WebSocket version 426; none of these is logged above DEBUG.
 */
final class UpgradeRequestCheck implements HandshakeCheck {

    private static final int KEY_BYTES = 16;
    private static final int KEY_BASE64_LENGTH = 24;

    @Override
    public Optional<Refusal> check(FullHttpRequest request, Connection connection) {
        if (request.decoderResult().isFailure()) {
            return Optional.of(malformed(request.decoderResult().cause()));
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return Optional.of(Refusal.of(HttpResponseStatus.METHOD_NOT_ALLOWED, HandshakeOutcome.BAD_REQUEST,
                    "Only GET can upgrade to a WebSocket (got " + request.method() + ")")
                    .withHeader("Allow", "GET"));
        }
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank()) {
            return Optional.of(Refusal.badRequest("Missing Host header"));
        }
        if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return Optional.of(Refusal.badRequest("Not a WebSocket upgrade request: 'Upgrade: websocket' is missing"));
        }
        if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return Optional.of(Refusal.badRequest("Not a WebSocket upgrade request: 'Connection: Upgrade' is missing"));
        }
        String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (!WebSocketVersion.V13.toHttpHeaderValue().equals(version)) {
            // RFC 6455 section 4.4: an unsupported version gets 426 and the versions the server speaks.
            return Optional.of(Refusal.of(HttpResponseStatus.UPGRADE_REQUIRED, HandshakeOutcome.BAD_REQUEST,
                    "Unsupported WebSocket version " + version + " (expected: 13)")
                    .withHeader(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString(),
                            WebSocketVersion.V13.toHttpHeaderValue()));
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null) {
            return Optional.of(Refusal.badRequest("Not a WebSocket upgrade request: Sec-WebSocket-Key is missing"));
        }
        if (!isValidKey(key)) {
            return Optional.of(Refusal.badRequest("Invalid Sec-WebSocket-Key (expected: base64 of 16 bytes)"));
        }
        return Optional.empty();
    }

    /** RFC 6455 section 4.1: the key is a base64-encoded random 16-byte value, so 24 characters. */
    private static boolean isValidKey(String key) {
        String trimmed = key.strip();
        if (trimmed.length() != KEY_BASE64_LENGTH) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(trimmed).length == KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Refusal malformed(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return Refusal.of(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HandshakeOutcome.BAD_REQUEST,
                    "Request headers are too large");
        }
        if (cause instanceof TooLongHttpLineException) {
            return Refusal.of(HttpResponseStatus.REQUEST_URI_TOO_LONG, HandshakeOutcome.BAD_REQUEST,
                    "Request line is too long");
        }
        if (cause instanceof TooLongFrameException) {
            return Refusal.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, HandshakeOutcome.BAD_REQUEST,
                    "An upgrade request has no body");
        }
        return Refusal.badRequest("Malformed HTTP request");
    }
}
