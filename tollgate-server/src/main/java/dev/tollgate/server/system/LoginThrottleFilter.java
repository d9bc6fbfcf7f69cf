package dev.tollgate.server.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link LoginAttempts} to the sign-in form: a locked username and address is sent back to the sign-in page
 * before its password is even checked, failures are counted, and a success clears them and returns the user to the
 * page that asked for sign-in.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    static final String LOGIN_PAGE = "/login";
    private static final String USERNAME = "username";

    private final LoginAttempts attempts;
    private final SavedRequestAwareAuthenticationSuccessHandler returnToPage =
            new SavedRequestAwareAuthenticationSuccessHandler();

    LoginThrottleFilter(LoginAttempts attempts) {
        this.attempts = attempts;
        returnToPage.setDefaultTargetUrl("/devportal");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + LOGIN_PAGE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!attempts.lockedFor(request.getParameter(USERNAME), request.getRemoteAddr()).isZero()) {
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?locked");
            return;
        }
        chain.doFilter(request, response);
    }

    AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            boolean locked = !attempts.failed(request.getParameter(USERNAME), request.getRemoteAddr()).isZero();
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + (locked ? "?locked" : "?error"));
        };
    }

    AuthenticationSuccessHandler successHandler() {
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            attempts.succeeded(request.getParameter(USERNAME), request.getRemoteAddr());
            returnToPage.onAuthenticationSuccess(request, response, authentication);
        };
    }
}
