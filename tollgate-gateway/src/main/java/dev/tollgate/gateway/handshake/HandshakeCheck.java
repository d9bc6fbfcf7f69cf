package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Optional;

/** A stage that decides at once, from the request and what the stages before it found about the connection. */
interface HandshakeCheck extends HandshakeStage {

    /** Checks the request; empty lets it through. Runs on the event loop and must not block. */
    Optional<Refusal> check(FullHttpRequest request, Connection connection);

    @Override
    default void decide(Handshake handshake) {
        handshake.proceedUnless(check(handshake.request(), handshake.connection()));
    }
}
