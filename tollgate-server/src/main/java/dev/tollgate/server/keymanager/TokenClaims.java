package dev.tollgate.server.keymanager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds what gateways and users need to every access token, JWT or opaque: {@code jti} (for revocation),
 * {@code client_id}, {@code application_id} and {@code keytype} (to find the subscriptions), and a {@code scope} of
 * {@code default} when none was asked for, as WSO2 does. For an opaque token the claims are kept by the key manager
 * and returned by introspection.
 */
final class TokenClaims {

    private final KeyMappingRepository keyMappings;

    TokenClaims(KeyMappingRepository keyMappings) {
        this.keyMappings = keyMappings;
    }

    /** For JWT access tokens. */
    OAuth2TokenCustomizer<JwtEncodingContext> forJwt() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().id(UUID.randomUUID().toString()).notBefore(Instant.now().minusSeconds(1));
                claims(context.getRegisteredClient().getClientId(), context.getAuthorizedScopes())
                        .forEach(context.getClaims()::claim);
            }
        };
    }

    /** For opaque (reference) access tokens. */
    OAuth2TokenCustomizer<OAuth2TokenClaimsContext> forOpaque() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().id(UUID.randomUUID().toString()).notBefore(Instant.now().minusSeconds(1));
                claims(context.getRegisteredClient().getClientId(), context.getAuthorizedScopes())
                        .forEach(context.getClaims()::claim);
            }
        };
    }

    private Map<String, Object> claims(String clientId, Set<String> authorizedScopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("client_id", clientId);
        claims.put("azp", clientId);
        keyMappings.findByConsumerKey(clientId).ifPresent(mapping -> {
            claims.put("application_id", mapping.applicationId());
            claims.put("keytype", mapping.keyType());
        });
        if (authorizedScopes.isEmpty()) {
            // A plain ArrayList: the authorization store's JSON type allow-list accepts it, not List.of()'s class.
            claims.put("scope", new ArrayList<>(List.of("default")));
        }
        return claims;
    }
}
