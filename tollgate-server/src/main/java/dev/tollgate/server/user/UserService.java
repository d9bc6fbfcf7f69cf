package dev.tollgate.server.user;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.server.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.stereotype.Service;

/** Owns the portal users: sign-up, roles, and the first-start {@code admin} account. */
@Service
public class UserService implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,60}");
    private static final String DEFAULT_ADMIN = "admin";

    private final JdbcUserDetailsManager users;
    private final PasswordEncoder passwordEncoder;

    public UserService(JdbcTemplate jdbc, PasswordEncoder passwordEncoder) {
        this.users = new JdbcUserDetailsManager();
        this.users.setJdbcTemplate(jdbc);
        this.passwordEncoder = passwordEncoder;
    }

    /** The store Spring Security authenticates against. */
    public JdbcUserDetailsManager userDetailsManager() {
        return users;
    }

    /** Creates a user with the given roles; the username must be free and the password at least 5 characters. */
    public UserDetails create(String username, String password, Set<Role> roles) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("username: \"" + username
                    + "\" (expected: 3 to 60 letters, digits, '.', '_', '@' or '-')");
        }
        checkPassword(password);
        if (roles.isEmpty()) {
            throw ApiException.badRequest("roles: [] (expected: at least one of " + Arrays.toString(Role.values()) + ")");
        }
        if (users.userExists(username)) {
            throw ApiException.conflict("A user named '" + username + "' already exists");
        }
        UserDetails user = User.withUsername(username)
                .password(passwordEncoder.encode(password))
                .authorities(roles.stream().map(Role::authority).toArray(String[]::new))
                .build();
        users.createUser(user);
        return user;
    }

    /** Changes a user's own password, after checking the current one. */
    public void changePassword(String username, String currentPassword, String newPassword) {
        UserDetails user = users.loadUserByUsername(username);
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPassword())) {
            throw ApiException.badRequest("currentPassword: (expected: your current password)");
        }
        checkPassword(newPassword);
        if (newPassword.equals(currentPassword)) {
            throw ApiException.badRequest("newPassword: (expected: a password other than the current one)");
        }
        users.getJdbcTemplate().update("update users set password = ? where username = ?",
                passwordEncoder.encode(newPassword), username);
        log.info("User '{}' changed their password", username);
    }

    /** Whether the default admin account still has the default password, which the admin portal warns about. */
    public boolean defaultAdminPasswordInUse() {
        return users.userExists(DEFAULT_ADMIN)
                && passwordEncoder.matches(DEFAULT_ADMIN, users.loadUserByUsername(DEFAULT_ADMIN).getPassword());
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 5 || password.length() > 200) {
            throw ApiException.badRequest("password: (expected: 5 to 200 characters)");
        }
    }

    public boolean exists(String username) {
        return users.userExists(username);
    }

    public Set<Role> roles(String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : users.loadUserByUsername(username).getAuthorities()) {
            Role.parse(authority.getAuthority()).ifPresent(roles::add);
        }
        return roles;
    }

    public List<String> usernames() {
        return users.getJdbcTemplate().queryForList("select username from users order by username", String.class);
    }

    /** Creates {@code admin}/{@code admin} with every role on first start, before the server accepts requests. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!users.userExists(DEFAULT_ADMIN) && usernames().isEmpty()) {
            create(DEFAULT_ADMIN, DEFAULT_ADMIN, EnumSet.allOf(Role.class));
            log.info("Created the default user 'admin' with every role");
        }
    }

    /**
     * Warns while the default admin password is kept. A password hash check costs a tenth of a second of CPU, more
     * while the JIT compilers are still busy: it runs beside the server once it is ready, not during its start.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warnOfDefaultPassword() {
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            if (defaultAdminPasswordInUse()) {
                log.warn("The user 'admin' still has the default password 'admin': change it before exposing "
                        + "Tollgate");
            }
        });
    }
}
