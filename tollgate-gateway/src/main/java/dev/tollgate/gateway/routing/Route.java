package dev.tollgate.gateway.routing;

import dev.tollgate.model.RuntimeApi;
import java.util.Objects;

/**
 * A request path resolved to an API.
 *
 * @param api the API the path names
 * @param rest what followed {@code /<context>/<version>} in the raw (still percent-encoded) path: empty, or starting
 *     with {@code /}; it is appended to the backend endpoint's path
 */
public record Route(RuntimeApi api, String rest) {

    public Route {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(rest, "rest");
    }
}
