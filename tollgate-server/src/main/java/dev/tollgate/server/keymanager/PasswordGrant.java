package dev.tollgate.server.keymanager;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * The resource-owner password grant, which WSO2 API Manager offers and OAuth 2.1 (hence Spring Authorization Server)
 * dropped: a portal user's name and password exchanged for a token of the calling application, plus a refresh token
 * when the application allows the refresh_token grant.
 */
final class PasswordGrant {

    static final AuthorizationGrantType PASSWORD = new AuthorizationGrantType("password");

    private PasswordGrant() {
    }

    /** The grant request, carrying the user's credentials to the provider. */
    static final class Request extends OAuth2AuthorizationGrantAuthenticationToken {

        private final String username;
        private final String password;
        private final Set<String> scopes;

        Request(Authentication client, String username, String password, Set<String> scopes) {
            super(PASSWORD, client, Map.of());
            this.username = username;
            this.password = password;
            this.scopes = Set.copyOf(scopes);
        }
    }

    /** Reads {@code grant_type=password&username=&password=&scope=} from the token request. */
    static final class Converter implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            if (!PASSWORD.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
                return null;
            }
            String username = single(request, "username");
            String password = single(request, "password");
            String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
            Set<String> scopes = StringUtils.hasText(scope)
                    ? new LinkedHashSet<>(Arrays.asList(StringUtils.delimitedListToStringArray(scope, " ")))
                    : Set.of();
            Authentication client = SecurityContextHolder.getContext().getAuthentication();
            return new Request(client, username, password, scopes);
        }

        private static String single(HttpServletRequest request, String name) {
            String[] values = request.getParameterValues(name);
            if (values == null || values.length != 1 || !StringUtils.hasText(values[0])) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "OAuth 2.0 Parameter: " + name + " is required once", null));
            }
            return values[0];
        }
    }

    /** Authenticates the user against the portal's user store and issues the tokens. */
    static final class Provider implements AuthenticationProvider {

        private final AuthenticationManager users;
        private final OAuth2AuthorizationService authorizations;
        private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;

        Provider(AuthenticationManager users, OAuth2AuthorizationService authorizations,
                OAuth2TokenGenerator<? extends OAuth2Token> tokens) {
            this.users = users;
            this.authorizations = authorizations;
            this.tokens = tokens;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            Request grant = (Request) authentication;
            if (!(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            RegisteredClient registered = client.getRegisteredClient();
            if (registered == null || !registered.getAuthorizationGrantTypes().contains(PASSWORD)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                        "The application's keys do not allow the password grant", null));
            }
            Set<String> scopes = grant.scopes;
            if (!registered.getScopes().containsAll(scopes)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_SCOPE);
            }
            Authentication user;
            try {
                user = users.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(grant.username,
                        grant.password));
            } catch (AuthenticationException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "Invalid resource owner credentials", null));
            }

            DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
                    .registeredClient(registered)
                    .principal(user)
                    .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                    .authorizedScopes(scopes)
                    .authorizationGrantType(PASSWORD)
                    .authorizationGrant(grant);

            OAuth2Token generated = tokens.generate(context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build());
            if (generated == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
                        "The token generator failed to generate the access token", null));
            }
            OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                    generated.getTokenValue(), generated.getIssuedAt(), generated.getExpiresAt(), scopes);
            OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(registered)
                    .principalName(user.getName())
                    .authorizationGrantType(PASSWORD)
                    .authorizedScopes(scopes)
                    .attribute(Principal.class.getName(), user);
            if (generated instanceof ClaimAccessor claims) {
                authorization.token(accessToken, metadata ->
                        metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
            } else {
                authorization.accessToken(accessToken);
            }

            OAuth2RefreshToken refreshToken = null;
            if (registered.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
                OAuth2Token refresh = tokens.generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build());
                if (refresh instanceof OAuth2RefreshToken token) {
                    refreshToken = token;
                    authorization.refreshToken(token);
                }
            }
            authorizations.save(authorization.build());
            return new OAuth2AccessTokenAuthenticationToken(registered, client, accessToken, refreshToken);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Request.class.isAssignableFrom(authentication);
        }
    }
}
