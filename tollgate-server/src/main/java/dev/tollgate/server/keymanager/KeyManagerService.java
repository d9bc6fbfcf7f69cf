package dev.tollgate.server.keymanager;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.tollgate.model.TokenTrust;
import dev.tollgate.server.runtime.StateChanged;
import dev.tollgate.server.system.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the developer portal asks of the key manager: consumer keys for an application, access tokens for them, and
 * their removal. Tokens issued here are made by the same generator and stored in the same place as those of
 * {@code /oauth2/token}, so introspection and revocation treat both alike.
 */
@Service
public class KeyManagerService {

    public static final String RESIDENT_KEY_MANAGER = "Resident Key Manager";
    /** WSO2's name for applications whose access tokens are opaque, validated by introspection. */
    public static final String OPAQUE = "OAUTH";
    public static final List<String> GRANT_TYPES = List.of("client_credentials", "password", "refresh_token");
    private static final List<String> KEY_TYPES = List.of("PRODUCTION", "SANDBOX");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Duration MAX_VALIDITY = Duration.ofDays(365);

    /** Keys just generated; the consumer secret is shown this once and stored only as a hash. */
    public record GeneratedKeys(KeyMapping mapping, String consumerSecret, Set<String> grantTypes, Duration validity) {
    }

    /** An access token with what the portal shows of it. */
    public record IssuedToken(String accessToken, Set<String> scopes, long validitySeconds) {
    }

    private final SecureRandom random = new SecureRandom();
    private final RegisteredClientRepository clients;
    private final KeyMappingRepository keyMappings;
    private final RevocationTracking authorizations;
    private final OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator;
    private final AuthorizationServerSettings serverSettings;
    private final SigningKeys signingKeys;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Duration defaultValidity;

    KeyManagerService(RegisteredClientRepository clients, KeyMappingRepository keyMappings,
            RevocationTracking authorizations, OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator,
            AuthorizationServerSettings serverSettings, SigningKeys signingKeys, PasswordEncoder passwordEncoder,
            JdbcClient jdbc, ApplicationEventPublisher events,
            dev.tollgate.server.system.TollgateProperties properties) {
        this.clients = clients;
        this.keyMappings = keyMappings;
        this.authorizations = authorizations;
        this.tokenGenerator = tokenGenerator;
        this.serverSettings = serverSettings;
        this.signingKeys = signingKeys;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
        this.events = events;
        this.defaultValidity = properties.tokenValidity();
    }

    /** Creates the OAuth2 client of one application and key type. */
    @Transactional
    public GeneratedKeys generateKeys(String applicationId, String applicationName, String tokenType, String keyType,
            List<String> grantTypes, Duration validity) {
        String type = keyType == null || keyType.isBlank() ? "PRODUCTION" : keyType.strip().toUpperCase(java.util.Locale.ROOT);
        if (!KEY_TYPES.contains(type)) {
            throw ApiException.badRequest("keyType: \"" + keyType + "\" (expected: PRODUCTION or SANDBOX)");
        }
        Set<String> grants = new LinkedHashSet<>(grantTypes == null || grantTypes.isEmpty() ? GRANT_TYPES : grantTypes);
        for (String grant : grants) {
            if (grant == null || !GRANT_TYPES.contains(grant)) {
                throw ApiException.badRequest("grantTypesToBeSupported: \"" + grant + "\" (expected any of: "
                        + String.join(", ", GRANT_TYPES) + ")");
            }
        }
        Duration tokenValidity = checkedValidity("validityTime", validity);
        if (keyMappings.findByApplication(applicationId).stream().anyMatch(m -> m.keyType().equals(type))) {
            throw ApiException.conflict("Application " + applicationName + " already has " + type
                    + " keys; use them, or delete them first");
        }
        String consumerKey = randomString(28);
        String consumerSecret = randomString(32);
        RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(consumerKey)
                .clientIdIssuedAt(Instant.now())
                .clientSecret(passwordEncoder.encode(consumerSecret))
                .clientName(applicationName + " " + type)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .scope("default")
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(tokenValidity)
                        .accessTokenFormat(OPAQUE.equals(tokenType) ? OAuth2TokenFormat.REFERENCE
                                : OAuth2TokenFormat.SELF_CONTAINED)
                        .refreshTokenTimeToLive(Duration.ofDays(1))
                        .reuseRefreshTokens(false)
                        .build());
        grants.forEach(grant -> client.authorizationGrantType(new AuthorizationGrantType(grant)));
        clients.save(client.build());
        KeyMapping mapping = new KeyMapping(UUID.randomUUID().toString(), applicationId, type, consumerKey,
                RESIDENT_KEY_MANAGER, Instant.now());
        keyMappings.insert(mapping);
        events.publishEvent(new StateChanged("keys generated for application " + applicationId));
        return new GeneratedKeys(mapping, consumerSecret, grants, tokenValidity);
    }

    public List<KeyMapping> keysOf(String applicationId) {
        return keyMappings.findByApplication(applicationId);
    }

    public List<KeyMapping> allKeyMappings() {
        return keyMappings.findAll();
    }

    public Set<String> grantTypes(KeyMapping mapping) {
        RegisteredClient client = clients.findByClientId(mapping.consumerKey());
        Set<String> grants = new LinkedHashSet<>();
        if (client != null) {
            client.getAuthorizationGrantTypes().forEach(grant -> grants.add(grant.getValue()));
        }
        return grants;
    }

    /** Issues an access token for the application itself (client credentials), after checking the secret. */
    @Transactional
    public IssuedToken issueToken(KeyMapping mapping, String consumerSecret, Set<String> scopes, Duration validity) {
        RegisteredClient client = Optional.ofNullable(clients.findByClientId(mapping.consumerKey()))
                .orElseThrow(() -> ApiException.notFound("The keys " + mapping.keyMappingId() + " no longer exist"));
        if (consumerSecret == null || consumerSecret.isBlank()) {
            throw ApiException.badRequest("consumerSecret: (expected: the consumer secret shown when the keys were "
                    + "generated)");
        }
        if (!passwordEncoder.matches(consumerSecret, client.getClientSecret())) {
            throw ApiException.unauthorized("The consumer secret does not match these keys");
        }
        Set<String> granted = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (!client.getScopes().containsAll(granted)) {
            throw ApiException.badRequest("scopes: " + granted + " (expected any of: " + client.getScopes() + ")");
        }
        Duration tokenValidity = validity == null ? client.getTokenSettings().getAccessTokenTimeToLive()
                : checkedValidity("validityPeriod", validity);
        OAuth2ClientAuthenticationToken principal = new OAuth2ClientAuthenticationToken(
                client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
        // The generator takes the validity from the client's settings: hand it a copy with the requested one.
        RegisteredClient issuing = RegisteredClient.from(client)
                .tokenSettings(TokenSettings.withSettings(client.getTokenSettings().getSettings())
                        .accessTokenTimeToLive(tokenValidity).build())
                .build();
        OAuth2Token generated = tokenGenerator.generate(DefaultOAuth2TokenContext.builder()
                .registeredClient(issuing)
                .principal(principal)
                .authorizationServerContext(new IssuerContext(serverSettings))
                .authorizedScopes(granted)
                .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .authorizationGrant(new OAuth2ClientCredentialsAuthenticationToken(principal, granted, null))
                .build());
        if (generated == null) {
            throw new IllegalStateException("The token generator produced no access token");
        }
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                generated.getTokenValue(), generated.getIssuedAt(), generated.getExpiresAt(), granted);
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
                .principalName(client.getClientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .authorizedScopes(granted);
        if (generated instanceof ClaimAccessor claims) {
            authorization.token(accessToken, metadata ->
                    metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
        } else {
            authorization.accessToken(accessToken);
        }
        authorizations.save(authorization.build());
        Set<String> shownScopes = granted.isEmpty() ? Set.of("default") : granted;
        return new IssuedToken(accessToken.getTokenValue(), shownScopes,
                Duration.between(accessToken.getIssuedAt(), accessToken.getExpiresAt()).toSeconds());
    }

    /** Replaces the consumer secret; every token issued with the old one is revoked. Returns the new secret. */
    @Transactional
    public String regenerateSecret(KeyMapping mapping) {
        RegisteredClient client = Optional.ofNullable(clients.findByClientId(mapping.consumerKey()))
                .orElseThrow(() -> ApiException.notFound("The keys " + mapping.keyMappingId() + " no longer exist"));
        String secret = randomString(32);
        clients.save(RegisteredClient.from(client).clientSecret(passwordEncoder.encode(secret)).build());
        authorizations.removeAllOf(client.getId());
        events.publishEvent(new StateChanged("secret regenerated for application " + mapping.applicationId()));
        return secret;
    }

    /** Deletes keys and revokes every token issued with them. */
    @Transactional
    public void deleteKeys(KeyMapping mapping) {
        RegisteredClient client = clients.findByClientId(mapping.consumerKey());
        if (client != null) {
            authorizations.removeAllOf(client.getId());
            jdbc.sql("delete from oauth2_registered_client where id = ?").param(client.getId()).update();
        }
        keyMappings.delete(mapping.keyMappingId());
        events.publishEvent(new StateChanged("keys deleted for application " + mapping.applicationId()));
    }

    /** What gateways need to verify tokens offline. */
    public TokenTrust tokenTrust() {
        return new TokenTrust(serverSettings.getIssuer(), signingKeys.publicJwkSetJson());
    }

    public List<String> revokedTokenIds() {
        return authorizations.activeRevokedIds();
    }

    private Duration checkedValidity(String field, Duration validity) {
        if (validity == null) {
            return defaultValidity;
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw ApiException.badRequest(field + ": " + validity.toSeconds() + " (expected: 1 to "
                    + MAX_VALIDITY.toSeconds() + " seconds)");
        }
        return validity;
    }

    private String randomString(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /** The issuer for tokens minted outside the token endpoint (where Spring sets the context itself). */
    private record IssuerContext(AuthorizationServerSettings settings) implements AuthorizationServerContext {

        @Override
        public String getIssuer() {
            return settings.getIssuer();
        }

        @Override
        public AuthorizationServerSettings getAuthorizationServerSettings() {
            return settings;
        }
    }
}
