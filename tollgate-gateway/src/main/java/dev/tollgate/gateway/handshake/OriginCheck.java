package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.model.CorsConfiguration;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Optional;

/**
 * Lets through only the origins the routed API allows, when its allow-list is enabled; others get 403. Comes right
 * after routing, before any token work: a page from another site gets no further, whatever credentials it holds.
 */
final class OriginCheck implements HandshakeCheck {

    /** The longest origin quoted back in a refusal; the header itself may be kilobytes long. */
    private static final int MAX_QUOTED_ORIGIN = 200;

    @Override
    public Optional<Refusal> check(FullHttpRequest request, Connection connection) {
        CorsConfiguration cors = connection.route().api().cors();
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (cors.allows(origin)) {
            return Optional.empty();
        }
        if (origin == null) {
            return Optional.of(Refusal.forbidden("Origin header is missing; this API accepts only the origins it "
                    + "allows"));
        }
        String quoted = origin.length() > MAX_QUOTED_ORIGIN ? origin.substring(0, MAX_QUOTED_ORIGIN) + "..." : origin;
        return Optional.of(Refusal.forbidden("Origin " + quoted + " is not allowed for this API"));
    }
}
