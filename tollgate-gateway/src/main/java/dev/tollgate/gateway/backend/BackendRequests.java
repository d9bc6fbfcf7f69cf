package dev.tollgate.gateway.backend;

import dev.tollgate.gateway.auth.Credentials;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** What the gateway sends to a backend: the target URI and the headers forwarded from the client's request. */
final class BackendRequests {

    /**
     * Request headers that concern only one hop, the ones Netty's handshaker sets itself, and the client's
     * credentials, which are for the gateway and never reach a backend.
     */
    private static final List<AsciiString> NOT_FORWARDED = List.of(
            HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE, HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.PROXY_AUTHENTICATE, AsciiString.cached("proxy-connection"), HttpHeaderNames.HOST,
            HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.AUTHORIZATION);
    private static final String WEBSOCKET_HEADER_PREFIX = "sec-websocket-";
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private BackendRequests() {
    }

    /** Whether a request header of this name, in any case, goes on to the backend. */
    private static boolean isForwarded(CharSequence name, List<String> namedInConnection) {
        for (AsciiString hopByHop : NOT_FORWARDED) {
            if (hopByHop.contentEqualsIgnoreCase(name)) {
                return false;
            }
        }
        if (AsciiString.regionMatches(name, true, 0, WEBSOCKET_HEADER_PREFIX, 0, WEBSOCKET_HEADER_PREFIX.length())) {
            return false;
        }
        for (String token : namedInConnection) {
            if (AsciiString.contentEqualsIgnoreCase(name, token)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The endpoint URL joined with the rest of the client's path and the client's query, less its access token:
     * {@code ws://b/echo} and {@code /topic?access_token=t&x=1} give {@code ws://b/echo/topic?x=1}.
     */
    static URI target(URI endpoint, String rest, String requestUri) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        String path = joinPaths(base, rest);
        StringJoiner query = new StringJoiner("&");
        if (endpoint.getRawQuery() != null && !endpoint.getRawQuery().isEmpty()) {
            query.add(endpoint.getRawQuery());
        }
        String clientQuery = new QueryStringDecoder(requestUri).rawQuery();
        if (!clientQuery.isEmpty()) {
            for (String parameter : clientQuery.split("&")) {
                if (!parameter.isEmpty() && !isAccessToken(parameter)) {
                    query.add(parameter);
                }
            }
        }
        String authority = endpoint.getRawAuthority();
        String target = endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + authority + path
                + (query.length() == 0 ? "" : "?" + query);
        return URI.create(target);
    }

    private static String joinPaths(String base, String rest) {
        String trimmedRest = rest;
        while (trimmedRest.startsWith("//")) {
            trimmedRest = trimmedRest.substring(1);
        }
        if (trimmedRest.isEmpty()) {
            return base.isEmpty() ? "/" : base;
        }
        String trimmedBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return trimmedBase + trimmedRest;
    }

    private static boolean isAccessToken(String parameter) {
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        return Credentials.ACCESS_TOKEN_PARAMETER.equals(QueryStringDecoder.decodeComponent(name));
    }

    /**
     * The client's end-to-end headers (Origin and Cookie included), without hop-by-hop headers, the WebSocket
     * handshake headers and {@code Authorization}, plus {@code X-Forwarded-For}, {@code -Proto} and {@code -Host}.
     */
    static HttpHeaders forwardedHeaders(HttpHeaders request, SocketAddress clientAddress, boolean secure) {
        List<String> namedInConnection = new ArrayList<>();
        for (String value : request.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                namedInConnection.add(token.strip());
            }
        }
        HttpHeaders forwarded = new DefaultHttpHeaders();
        // Names and values as the decoder made them: no copy of either for the headers that go on.
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = request.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            if (isForwarded(header.getKey(), namedInConnection)) {
                forwarded.add(header.getKey(), header.getValue());
            }
        }
        String clientIp = clientAddress instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(clientAddress);
        String priorHops = request.get(X_FORWARDED_FOR);
        forwarded.set(X_FORWARDED_FOR, priorHops == null || priorHops.isBlank() ? clientIp : priorHops + ", "
                + clientIp);
        forwarded.set(X_FORWARDED_PROTO, secure ? "https" : "http");
        String host = request.get(HttpHeaderNames.HOST);
        if (host != null) {
            forwarded.set(X_FORWARDED_HOST, host);
        }
        return forwarded;
    }
}
