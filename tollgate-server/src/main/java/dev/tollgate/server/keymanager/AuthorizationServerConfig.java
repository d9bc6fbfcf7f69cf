package dev.tollgate.server.keymanager;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.server.system.TollgateProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.web.SecurityFilterChain;

/** Spring Authorization Server at {@code /oauth2/*}, with clients, tokens and keys kept in the database. */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RevocationTracking authorizations,
            OAuth2TokenGenerator<? extends OAuth2Token> tokens, UserDetailsService users,
            PasswordEncoder passwordEncoder) throws Exception {
        DaoAuthenticationProvider userAuthentication = new DaoAuthenticationProvider(users);
        userAuthentication.setPasswordEncoder(passwordEncoder);
        PasswordGrant.Provider passwordGrant = new PasswordGrant.Provider(
                new ProviderManager(userAuthentication), authorizations, tokens);
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as
                        .authorizationService(authorizations)
                        .tokenGenerator(tokens)
                        .tokenEndpoint(token -> token
                                .accessTokenRequestConverter(new PasswordGrant.Converter())
                                .authenticationProvider(passwordGrant)))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // Token requests authenticate the client with HTTP Basic or form fields, never a session cookie.
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    RevocationTracking authorizationService(JdbcTemplate jdbcTemplate, RegisteredClientRepository clients,
            JdbcClient jdbc, ApplicationEventPublisher events) {
        return new RevocationTracking(new JdbcOAuth2AuthorizationService(jdbcTemplate, clients), jdbc, events);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(keys.privateKeys());
    }

    @Bean
    OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator(JWKSource<SecurityContext> jwkSource,
            KeyMappingRepository keyMappings) {
        TokenClaims claims = new TokenClaims(keyMappings);
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
        jwt.setJwtCustomizer(claims.forJwt());
        OAuth2AccessTokenGenerator opaque = new OAuth2AccessTokenGenerator();
        opaque.setAccessTokenCustomizer(claims.forOpaque());
        return new DelegatingOAuth2TokenGenerator(jwt, opaque, new OAuth2RefreshTokenGenerator());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(TollgateProperties properties, Environment environment) {
        String issuer = properties.issuer();
        if (issuer == null || issuer.isBlank()) {
            issuer = "https://" + properties.publicHost() + ":" + environment.getProperty("server.port", "9443");
        }
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }
}
