package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.auth.Credentials;
import dev.tollgate.gateway.auth.TokenRejectedException;
import dev.tollgate.gateway.auth.TokenSubprotocol;
import dev.tollgate.gateway.auth.VerifiedToken;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.model.KeyMapping;
import dev.tollgate.model.RuntimeSnapshot;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;

/**
 * Authenticates the caller with the OAuth2 access token of the request, and finds the application the token was
 * issued to. Anything else (no token, Basic, API keys, a bad token) gets 401.
 */
@Sharable
final class AuthenticationHandler extends HandshakeStage {

    static final String UNSUPPORTED_CREDENTIALS = "Basic auth and API keys are not supported for WebSocket APIs; send "
            + "an OAuth2 access token as 'Authorization: Bearer <token>', the subprotocols 'access_token, <token>' "
            + "or the access_token query parameter";
    static final String MISSING_TOKEN = "Missing access token: send it as 'Authorization: Bearer <token>', the "
            + "subprotocols 'access_token, <token>' or the access_token query parameter";
    private static final String INVALID_TOKEN_CHALLENGE = Refusal.BEARER_CHALLENGE + " error=\"invalid_token\"";

    AuthenticationHandler(GatewayMetrics metrics) {
        super(metrics);
    }

    @Override
    Optional<Refusal> check(FullHttpRequest request, Connection connection) {
        Credentials credentials = Credentials.of(
                request.headers(), new QueryStringDecoder(request.uri()).parameters());
        // The token's subprotocol entries are the gateway's: no later stage, backend or log sees them.
        connection.offeredOnlyTokenSubprotocol(TokenSubprotocol.remove(request.headers()));
        if (credentials instanceof Credentials.Missing) {
            return Optional.of(Refusal.unauthorized(MISSING_TOKEN, Refusal.BEARER_CHALLENGE));
        }
        if (credentials instanceof Credentials.Unsupported) {
            return Optional.of(Refusal.unauthorized(UNSUPPORTED_CREDENTIALS, Refusal.BEARER_CHALLENGE));
        }
        RuntimeSnapshot snapshot = connection.snapshot().snapshot();
        VerifiedToken token;
        try {
            token = connection.snapshot().tokens().verify(
                    ((Credentials.BearerToken) credentials).token(), snapshot.revokedTokenIds());
        } catch (TokenRejectedException e) {
            return Optional.of(Refusal.unauthorized(e.getMessage(), INVALID_TOKEN_CHALLENGE));
        }
        Optional<KeyMapping> keys = snapshot.keyMapping(token.clientId());
        if (keys.isEmpty()) {
            return Optional.of(Refusal.unauthorized("Token's application is not known", INVALID_TOKEN_CHALLENGE));
        }
        connection.authenticated(token, keys.get().applicationId());
        return Optional.empty();
    }
}
