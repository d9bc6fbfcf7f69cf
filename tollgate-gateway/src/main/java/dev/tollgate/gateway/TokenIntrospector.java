package dev.tollgate.gateway;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Validates opaque (reference) access tokens, the ones that are not JWTs, for a {@link Gateway}: the key manager's
 * introspection, in process or remote (RFC 7662).
 *
 * <p>Called on a gateway event loop, so it must return at once and do its waiting elsewhere (its own executor, an
 * asynchronous client); the gateway pauses the handshake until the stage completes, or until
 * {@link GatewayConfig.Builder#introspectionTimeout} passes and the client gets 503. Active answers are cached
 * (see {@link GatewayConfig.Builder#introspectionCacheSize}); revocations still apply to cached tokens, through the
 * runtime snapshot's revoked token ids.
 *
 * <pre>{@code
 * GatewayConfig.builder().tokenIntrospector(token -> keyManager.introspectAsync(token)
 *         .thenApply(answer -> answer.active()
 *                 ? Optional.of(new IntrospectedToken(answer.jti(), answer.clientId(), answer.exp()))
 *                 : Optional.empty()))
 * }</pre>
 */
@FunctionalInterface
public interface TokenIntrospector {

    /**
     * Introspects {@code token}: the token's facts when it is active, empty when it is not (unknown, revoked or
     * expired). A failed stage means the key manager could not answer, not that the token is bad. The token must
     * not be logged or put in an exception message.
     */
    CompletionStage<Optional<IntrospectedToken>> introspect(String token);
}
