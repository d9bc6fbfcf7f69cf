package dev.tollgate.server.keymanager;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tollgate.gateway.IntrospectedToken;
import dev.tollgate.gateway.TokenIntrospector;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * The in-process gateway's introspection of opaque access tokens: the authorization store is read on a small
 * executor of its own, never on a gateway event loop, and the claims stored at issue ({@code jti},
 * {@code client_id}, expiry) are reported for an active token. A revoked token's authorization is invalidated, so it
 * is inactive here; its {@code jti} also reaches the gateways through the snapshot.
 */
@Component
class OpaqueTokenIntrospection implements TokenIntrospector, DisposableBean {

    private static final int THREADS = 2;
    /** Handshakes waiting for the store beyond this many are refused (503) rather than queued without bound. */
    private static final int MAX_WAITING = 1_000;

    private final RevocationTracking authorizations;
    private final ThreadPoolExecutor executor;

    OpaqueTokenIntrospection(RevocationTracking authorizations) {
        this.authorizations = authorizations;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING), task -> {
                    Thread thread = new Thread(task, "tollgate-introspection-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public CompletionStage<Optional<IntrospectedToken>> introspect(String token) {
        return CompletableFuture.supplyAsync(() -> lookUp(token), executor);
    }

    private Optional<IntrospectedToken> lookUp(String token) {
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> access =
                authorization == null ? null : authorization.getAccessToken();
        if (access == null || !access.isActive() || !token.equals(access.getToken().getTokenValue())) {
            return Optional.empty();
        }
        Map<String, Object> claims = access.getClaims();
        Instant expiresAt = access.getToken().getExpiresAt();
        Object jti = claims == null ? null : claims.get("jti");
        Object clientId = claims == null ? null : claims.get("client_id");
        if (jti == null || clientId == null || expiresAt == null) {
            // Issued before Tollgate's claims existed: nothing to tie it to an application or a revocation.
            return Optional.empty();
        }
        return Optional.of(new IntrospectedToken(jti.toString(), clientId.toString(), expiresAt));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
