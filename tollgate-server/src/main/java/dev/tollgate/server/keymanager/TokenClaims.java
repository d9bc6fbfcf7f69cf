package dev.tollgate.server.keymanager;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds what gateways and users need to every access token: {@code jti} (for revocation), {@code client_id},
 * {@code application_id} and {@code keytype} (to find the subscriptions), and a {@code scope} of {@code default}
 * when none was asked for, as WSO2 does.
 */
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final KeyMappingRepository keyMappings;

    TokenClaims(KeyMappingRepository keyMappings) {
        this.keyMappings = keyMappings;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        String clientId = context.getRegisteredClient().getClientId();
        var claims = context.getClaims();
        claims.id(UUID.randomUUID().toString());
        claims.claim("client_id", clientId);
        claims.claim("azp", clientId);
        keyMappings.findByConsumerKey(clientId).ifPresent(mapping -> {
            claims.claim("application_id", mapping.applicationId());
            claims.claim("keytype", mapping.keyType());
        });
        if (context.getAuthorizedScopes().isEmpty()) {
            // A plain ArrayList: the authorization store's JSON type allow-list accepts it, not List.of()'s class.
            claims.claim("scope", new java.util.ArrayList<>(List.of("default")));
        }
        claims.notBefore(Instant.now().minusSeconds(1));
    }
}
