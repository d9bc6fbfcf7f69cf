package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.auth.Credentials;
import dev.tollgate.gateway.auth.OpaqueTokenVerifier;
import dev.tollgate.gateway.auth.TokenRejectedException;
import dev.tollgate.gateway.auth.TokenSubprotocol;
import dev.tollgate.gateway.auth.VerifiedToken;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.HandshakeOutcome;
import dev.tollgate.model.KeyMapping;
import dev.tollgate.model.RuntimeSnapshot;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the caller with the OAuth2 access token of the request, and finds the application the token was
 * issued to. Anything else (no token, Basic, API keys, a bad token) gets 401.
 *
 * <p>JWTs are verified at once, offline. Opaque tokens, when the gateway has a token introspector, are introspected:
 * reads pause and the handshake goes on, on the channel's event loop, when the answer comes; a key manager that fails
 * or does not answer in time gets the client 503.
 */
final class AuthenticationStage implements HandshakeStage {

    static final String UNSUPPORTED_CREDENTIALS = "Basic auth and API keys are not supported for WebSocket APIs; send "
            + "an OAuth2 access token as 'Authorization: Bearer <token>', the subprotocols 'access_token, <token>' "
            + "or the access_token query parameter";
    static final String MISSING_TOKEN = "Missing access token: send it as 'Authorization: Bearer <token>', the "
            + "subprotocols 'access_token, <token>' or the access_token query parameter";
    static final String INTROSPECTION_TIMED_OUT = "Access token cannot be checked now: the key manager did not answer "
            + "in time";
    static final String INTROSPECTION_FAILED = "Access token cannot be checked now: the key manager failed";
    private static final String INVALID_TOKEN_CHALLENGE = Refusal.BEARER_CHALLENGE + " error=\"invalid_token\"";
    private static final Logger log = LoggerFactory.getLogger(AuthenticationStage.class);
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    /** Empty when the gateway has no token introspector: every token is then verified as a JWT. */
    private final Optional<OpaqueTokenVerifier> opaqueTokens;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());

    AuthenticationStage(Optional<OpaqueTokenVerifier> opaqueTokens) {
        this.opaqueTokens = opaqueTokens;
    }

    @Override
    public void decide(Handshake handshake) {
        FullHttpRequest request = handshake.request();
        Connection connection = handshake.connection();
        Credentials credentials = Credentials.of(request.headers(), new QueryStringDecoder(request.uri()).parameters());
        // The token's subprotocol entries are the gateway's: no later stage, backend or log sees them.
        connection.offeredOnlyTokenSubprotocol(TokenSubprotocol.remove(request.headers()));
        if (credentials instanceof Credentials.BearerToken bearer && opaqueTokens.isPresent()
                && OpaqueTokenVerifier.isOpaque(bearer.token())) {
            introspect(handshake, bearer.token().toString(), opaqueTokens.get());
        } else {
            handshake.proceedUnless(authenticate(credentials, connection));
        }
    }

    private Optional<Refusal> authenticate(Credentials credentials, Connection connection) {
        if (credentials instanceof Credentials.Missing) {
            return Optional.of(Refusal.unauthorized(MISSING_TOKEN, Refusal.BEARER_CHALLENGE));
        }
        if (credentials instanceof Credentials.Unsupported) {
            return Optional.of(Refusal.unauthorized(UNSUPPORTED_CREDENTIALS, Refusal.BEARER_CHALLENGE));
        }
        RuntimeSnapshot snapshot = connection.snapshot().snapshot();
        try {
            return accept(connection.snapshot().tokens().verify(
                    ((Credentials.BearerToken) credentials).token(), snapshot.revokedTokenIds()), connection);
        } catch (TokenRejectedException e) {
            return Optional.of(Refusal.unauthorized(e.getMessage(), INVALID_TOKEN_CHALLENGE));
        }
    }

    private void introspect(Handshake handshake, String token, OpaqueTokenVerifier verifier) {
        Connection connection = handshake.connection();
        handshake.channel().config().setAutoRead(false);
        Future<VerifiedToken> verified = verifier.verify(
                token, connection.snapshot().snapshot().revokedTokenIds(), handshake.executor());
        verified.addListener(done -> {
            if (!handshake.channel().isActive()) {
                handshake.abandon();
            } else if (done.isSuccess()) {
                handshake.proceedUnless(accept(verified.getNow(), connection));
            } else {
                handshake.refuse(refusal(done.cause()));
            }
        });
    }

    private Refusal refusal(Throwable failure) {
        if (failure instanceof TokenRejectedException rejected) {
            return Refusal.unauthorized(rejected.getMessage(), INVALID_TOKEN_CHALLENGE);
        }
        // The class only: an introspector's message could quote the token. A failing key manager fails every
        // handshake, so the warning is repeated once per interval at most.
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
            log.warn("Token introspection failed: {} (clients get 503)", failure.getClass().getName());
        } else {
            log.debug("Token introspection failed: {}", failure.getClass().getName());
        }
        return Refusal.of(HttpResponseStatus.SERVICE_UNAVAILABLE, HandshakeOutcome.INTROSPECTION_FAILED,
                failure instanceof TimeoutException ? INTROSPECTION_TIMED_OUT : INTROSPECTION_FAILED);
    }

    private static Optional<Refusal> accept(VerifiedToken token, Connection connection) {
        Optional<KeyMapping> keys = connection.snapshot().snapshot().keyMapping(token.clientId());
        if (keys.isEmpty()) {
            return Optional.of(Refusal.unauthorized("Token's application is not known", INVALID_TOKEN_CHALLENGE));
        }
        connection.authenticated(token, keys.get().applicationId());
        return Optional.empty();
    }
}
