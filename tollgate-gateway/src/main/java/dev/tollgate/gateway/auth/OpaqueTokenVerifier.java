package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.IntrospectedToken;
import dev.tollgate.gateway.TokenIntrospector;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Verifies opaque access tokens through a {@link TokenIntrospector}, with a bounded cache of active answers, without
 * ever blocking the event loop that asks.
 *
 * <p>The result completes on the asking event loop: the token's facts, a {@link TokenRejectedException} (inactive,
 * expired, revoked: 401), or another failure when the key manager did not answer in time or failed (503).
 * Revocations apply to cached answers too, since the snapshot's revoked ids are checked on every handshake.
 */
public final class OpaqueTokenVerifier {

    private final TokenIntrospector introspector;
    private final IntrospectionCache cache;
    private final Duration timeout;
    private final Clock clock;

    public OpaqueTokenVerifier(TokenIntrospector introspector, int cacheSize, Duration cacheTtl, Duration timeout,
            Clock clock) {
        this.introspector = introspector;
        this.cache = new IntrospectionCache(cacheSize, cacheTtl, clock);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Whether {@code token} is for this verifier: anything but a compact JWS ({@code header.payload.signature}). */
    public static boolean isOpaque(CharSequence token) {
        int first = AsciiString.indexOf(token, '.', 0);
        int second = first < 0 ? -1 : AsciiString.indexOf(token, '.', first + 1);
        return second < 0 || AsciiString.indexOf(token, '.', second + 1) >= 0;
    }

    /** Verifies {@code token}; the future completes on {@code loop}. */
    public Future<VerifiedToken> verify(String token, Set<String> revokedTokenIds, EventExecutor loop) {
        Promise<VerifiedToken> result = loop.newPromise();
        Optional<IntrospectedToken> cached = cache.get(token);
        if (cached.isPresent()) {
            complete(result, cached.get(), revokedTokenIds);
            return result;
        }
        ScheduledFuture<?> timer = loop.schedule(() -> result.tryFailure(new TimeoutException(
                "The key manager did not answer the introspection within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.addListener(done -> timer.cancel(false));
        CompletionStage<Optional<IntrospectedToken>> answer;
        try {
            answer = introspector.introspect(token);
        } catch (RuntimeException e) {
            result.tryFailure(e);
            return result;
        }
        if (answer == null) {
            result.tryFailure(new IllegalStateException("The token introspector returned no stage"));
            return result;
        }
        answer.whenComplete((active, failure) -> loop.execute(() -> {
            if (failure != null) {
                result.tryFailure(failure);
            } else if (active == null || active.isEmpty()) {
                result.tryFailure(new TokenRejectedException("Access token is not active"));
            } else {
                cache.put(token, active.get());
                complete(result, active.get(), revokedTokenIds);
            }
        }));
        return result;
    }

    private void complete(Promise<VerifiedToken> result, IntrospectedToken token, Set<String> revokedTokenIds) {
        if (!token.expiresAt().isAfter(clock.instant())) {
            result.tryFailure(new TokenRejectedException("Access token expired"));
        } else if (revokedTokenIds.contains(token.tokenId())) {
            result.tryFailure(new TokenRejectedException("Access token revoked"));
        } else {
            result.trySuccess(new VerifiedToken(token.tokenId(), token.clientId(), token.expiresAt()));
        }
    }
}
