package dev.tollgate.echo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One WebSocket handshake the echo server accepted, as seen on the wire; tests use it to check what a gateway forwards.
 *
 * @param uri the request target, path and query as received
 * @param headers every request header, names in lower case, values in arrival order
 * @param subprotocol the subprotocol the server selected, or {@code null} when none was offered
 */
public record EchoHandshake(String uri, Map<String, List<String>> headers, String subprotocol) {

    public EchoHandshake {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or {@code null}; the name is matched case-insensitively. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
