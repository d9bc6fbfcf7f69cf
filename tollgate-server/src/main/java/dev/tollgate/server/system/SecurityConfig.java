package dev.tollgate.server.system;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import dev.tollgate.server.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, outside the key manager's own chain. Scripts use HTTP Basic (no session, so no CSRF token is
 * needed: a browser cannot be tricked into sending an Authorization header); browsers sign in with a form and must
 * send the CSRF token with every change.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(UserService users) {
        return users.userDetailsManager();
    }

    /** Five failed sign-ins in a row lock that username from that address for a minute. */
    @Bean
    LoginAttempts loginAttempts() {
        return new LoginAttempts(5, Duration.ofMinutes(1), Clock.systemUTC());
    }

    @Bean
    @Order(2)
    SecurityFilterChain applicationChain(HttpSecurity http, LoginAttempts loginAttempts) throws Exception {
        LoginThrottleFilter loginThrottle = new LoginThrottleFilter(loginAttempts);
        RequestMatcher restApi = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/am/devportal/v3/apis", "/api/am/devportal/v3/apis/**",
                                "/api/openapi.yaml")
                        .permitAll()
                        .requestMatchers("/api/am/publisher/**").hasAnyRole("CREATOR", "PUBLISHER", "ADMIN")
                        .requestMatchers("/api/am/admin/**", "/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/am/devportal/v3/me", "/api/am/devportal/v3/me/**").authenticated()
                        .requestMatchers("/api/am/devportal/**").hasAnyRole("SUBSCRIBER", "ADMIN")
                        .requestMatchers("/", "/login", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**",
                                "/favicon.ico", "/devportal/signup")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/devportal", "/devportal/", "/devportal/apis/**").permitAll()
                        .requestMatchers("/publisher", "/publisher/**").hasAnyRole("CREATOR", "PUBLISHER", "ADMIN")
                        .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfig::unauthorizedJson))
                .addFilterBefore(loginThrottle, UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form
                        .loginPage(LoginThrottleFilter.LOGIN_PAGE)
                        .successHandler(loginThrottle.successHandler())
                        .failureHandler(loginThrottle.failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl(LoginThrottleFilter.LOGIN_PAGE + "?logout"))
                // CSRF guards ambient credentials: a REST call with its own Authorization header, or with no
                // session at all, has none to abuse, and an anonymous script is told 401 rather than 403.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(request ->
                        !SAFE_METHODS.contains(request.getMethod()) && request.getHeader("Authorization") == null
                                && !(restApi.matches(request) && request.getRequestedSessionId() == null)))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(SecurityConfig::unauthorizedJson, restApi)
                        .defaultAccessDeniedHandlerFor((request, response, denied) ->
                                writeError(response, HttpStatus.FORBIDDEN, "Your roles do not allow this action"),
                                restApi)
                        // Pages get the 403 error page; without a second mapping Spring would use the JSON for all.
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(),
                                request -> !restApi.matches(request)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static void unauthorizedJson(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Tollgate\"");
        writeError(response, HttpStatus.UNAUTHORIZED, "Sign in: send HTTP Basic credentials of a portal user");
    }

    private static void writeError(HttpServletResponse response, HttpStatus status, String description)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = "{\"code\":" + status.value() + ",\"message\":\"" + status.getReasonPhrase()
                + "\",\"description\":\"" + description + "\"}";
        response.getWriter().write(body);
    }
}
