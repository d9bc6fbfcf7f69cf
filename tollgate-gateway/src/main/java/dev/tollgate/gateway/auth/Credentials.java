package dev.tollgate.gateway.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.CharBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handshake request offers as credentials. Only OAuth2 bearer tokens are accepted for WebSocket APIs.
 *
 * <p>Precedence, first carrier present wins:
 * <ol>
 *   <li>an {@code Authorization} header decides (Bearer is used, any other scheme is refused);</li>
 *   <li>then the {@code Sec-WebSocket-Protocol} entries {@code access_token, <token>}, for browsers, which can set no
 *       header but the subprotocols and should keep tokens out of URLs ({@link TokenSubprotocol});</li>
 *   <li>then the {@code access_token} query parameter;</li>
 *   <li>without any of them, an API key ({@code apikey} header, or the {@code apikey} / {@code api_key} query
 *       parameters WSO2 accepts for REST APIs) is refused with an explanation.</li>
 * </ol>
 */
public sealed interface Credentials {

    /** The query parameter a client that can set no header may pass its token in. */
    String ACCESS_TOKEN_PARAMETER = "access_token";

    /** The one {@code Authorization} scheme accepted, in any case. */
    String BEARER = "Bearer";

    /**
     * A bearer token to verify. From an {@code Authorization} header it is a view of the header's value, not a copy:
     * a token is most of a handshake's bytes, and a cached one is never needed as a string of its own.
     * {@link #toString()} hides it so that it cannot end up in a log.
     */
    record BearerToken(CharSequence token) implements Credentials {

        public BearerToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "BearerToken[hidden]";
        }
    }

    /** Basic authentication, an API key or another scheme: refused for WebSocket APIs. */
    record Unsupported(String kind) implements Credentials {
    }

    /** Nothing at all. */
    record Missing() implements Credentials {
    }

    /** Reads the credentials of a request from its headers and decoded query parameters. */
    static Credentials of(HttpHeaders headers, Map<String, List<String>> queryParameters) {
        Iterator<? extends CharSequence> authorizations =
                headers.valueCharSequenceIterator(HttpHeaderNames.AUTHORIZATION);
        CharSequence authorization = authorizations.hasNext() ? authorizations.next() : "";
        int start = skipWhitespace(authorization, 0);
        int end = trimmedEnd(authorization, start);
        if (start < end) {
            int space = AsciiString.indexOf(authorization, ' ', start);
            int schemeEnd = space < 0 || space > end ? end : space;
            if (schemeEnd - start != BEARER.length()
                    || !AsciiString.regionMatches(authorization, true, start, BEARER, 0, BEARER.length())) {
                return new Unsupported(authorization.subSequence(start, schemeEnd) + " authorization");
            }
            int tokenStart = skipWhitespace(authorization, schemeEnd);
            return tokenStart >= end ? new Missing() : new BearerToken(view(authorization, tokenStart, end));
        }
        Optional<String> subprotocolToken = TokenSubprotocol.token(headers);
        if (subprotocolToken.isPresent()) {
            return new BearerToken(subprotocolToken.get());
        }
        List<String> queryTokens = queryParameters.getOrDefault(ACCESS_TOKEN_PARAMETER, List.of());
        if (!queryTokens.isEmpty() && !queryTokens.get(0).isBlank()) {
            return new BearerToken(queryTokens.get(0).strip());
        }
        if (headers.contains("apikey") || queryParameters.containsKey("apikey")
                || queryParameters.containsKey("api_key")) {
            return new Unsupported("API key");
        }
        return new Missing();
    }

    /** The first index from {@code from} on that is not white space, as {@link String#strip()} sees it. */
    private static int skipWhitespace(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end of {@code text} without its trailing white space, not before {@code start}. */
    private static int trimmedEnd(CharSequence text, int start) {
        int end = text.length();
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Part of a header value, without copying it. */
    private static CharSequence view(CharSequence text, int start, int end) {
        return start == 0 && end == text.length() ? text : CharBuffer.wrap(text, start, end);
    }
}
