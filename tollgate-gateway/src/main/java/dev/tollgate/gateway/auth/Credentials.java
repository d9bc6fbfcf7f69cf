package dev.tollgate.gateway.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
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

    /** A bearer token to verify. {@link #toString()} hides it so that it cannot end up in a log. */
    record BearerToken(String token) implements Credentials {

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
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.strip();
            int space = value.indexOf(' ');
            String scheme = space < 0 ? value : value.substring(0, space);
            if (!"Bearer".equalsIgnoreCase(scheme)) {
                return new Unsupported(scheme + " authorization");
            }
            String token = space < 0 ? "" : value.substring(space + 1).strip();
            return token.isEmpty() ? new Missing() : new BearerToken(token);
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
}
