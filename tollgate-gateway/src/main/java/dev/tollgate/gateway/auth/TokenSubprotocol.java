package dev.tollgate.gateway.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access token a browser passes as two entries of its subprotocol list, {@code new WebSocket(url,
 * ["access_token", token, ...])}: the marker {@link #MARKER} and, right after it, the token.
 *
 * <p>Both entries are the gateway's: {@link #remove} takes them out of the request before anything forwards or logs
 * its subprotocols. A browser fails a connection whose {@code 101} selects no subprotocol when it offered some, so
 * when the client offered only these two entries and the backend selects none, the gateway answers the marker.
 */
public final class TokenSubprotocol {

    /** The subprotocol entry that announces a token in the next entry; also the gateway's answer when needed. */
    public static final String MARKER = "access_token";

    private TokenSubprotocol() {
    }

    /** The token offered after the marker, if any. */
    static Optional<String> token(HttpHeaders headers) {
        List<String> offered = offered(headers);
        int marker = offered.indexOf(MARKER);
        if (marker < 0 || marker + 1 >= offered.size() || offered.get(marker + 1).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(offered.get(marker + 1));
    }

    /**
     * Removes the marker and the entry after it from the request's subprotocols, and the header when nothing else
     * was offered.
     *
     * @return whether the client offered the marker and nothing else but its token
     */
    public static boolean remove(HttpHeaders headers) {
        List<String> offered = offered(headers);
        int marker = offered.indexOf(MARKER);
        if (marker < 0) {
            return false;
        }
        List<String> rest = new ArrayList<>(offered);
        rest.remove(marker);
        if (marker < rest.size()) {
            rest.remove(marker);
        }
        // A marker repeated further on is the gateway's too, never a backend's protocol.
        rest.removeIf(MARKER::equals);
        if (rest.isEmpty()) {
            headers.remove(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
            return true;
        }
        headers.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(", ", rest));
        return false;
    }

    /**
     * The subprotocol to answer the client with: the backend's choice, or the marker when the backend chose none and
     * the client offered only the token entries.
     */
    public static String answer(String backendChoice, boolean offeredOnlyToken) {
        return backendChoice != null || !offeredOnlyToken ? backendChoice : MARKER;
    }

    private static List<String> offered(HttpHeaders headers) {
        List<String> offered = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String entry : value.split(",")) {
                offered.add(entry.strip());
            }
        }
        return offered;
    }
}
