package dev.tollgate.server.system;

import java.util.EnumSet;
import java.util.Set;

import dev.tollgate.server.user.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is asking: the signed-in portal user and their roles. Services take an actor so that the same rules hold for
 * the REST API and the pages.
 */
public record Actor(String username, Set<Role> roles) {

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Actor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw ApiException.unauthorized("Sign in first");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role.parse(authority.getAuthority()).ifPresent(roles::add);
        }
        return new Actor(authentication.getName(), roles);
    }

    public static Actor current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    /** Refuses with 403 unless the actor has one of the roles (admins have all). */
    public void require(String action, Role... anyOf) {
        for (Role role : anyOf) {
            if (has(role)) {
                return;
            }
        }
        throw ApiException.forbidden("User '" + username + "' may not " + action + " (needs role "
                + java.util.Arrays.stream(anyOf).map(Role::name).map(String::toLowerCase)
                        .reduce((a, b) -> a + " or " + b).orElse("") + ")");
    }
}
