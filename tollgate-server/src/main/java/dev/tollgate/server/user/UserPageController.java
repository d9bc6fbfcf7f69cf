package dev.tollgate.server.user;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.system.FormErrors;
import dev.tollgate.server.system.PortalController;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Pages about portal users: a developer signs up at {@code /devportal/signup} (the subscriber role only), and an admin
 * lists users and creates them with any roles at {@code /admin/users}; everyone changes their own password at
 * {@code /account}.
 */
@PortalController
class UserPageController {

    private static final Map<String, String> FIELDS = Map.of("username", "username", "password", "password",
            "roles", "roles");

    private static final Map<String, String> PASSWORD_FIELDS = Map.of("currentPassword", "currentPassword",
            "newPassword", "newPassword", "password", "newPassword");

    /** A user and their roles, as one row of the admin's list. */
    record Row(String username, Set<Role> roles) {
    }

    private final UserService users;

    UserPageController(UserService users) {
        this.users = users;
    }

    @GetMapping("/devportal/signup")
    String signupForm(Model model) {
        model.addAttribute("username", "");
        model.addAttribute("errors", Map.of());
        return "user/signup";
    }

    @PostMapping("/devportal/signup")
    String signup(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmPassword, Model model) {
        model.addAttribute("username", username);
        return passwordForm(model, "user/signup", password, confirmPassword, FIELDS,
                () -> users.create(username, password, EnumSet.of(Role.SUBSCRIBER)), "/login?signedUp");
    }

    @GetMapping("/account")
    String accountForm(Model model) {
        model.addAttribute("errors", Map.of());
        return "user/account";
    }

    /** Changes the signed-in user's own password; the service checks the current one. */
    @PostMapping("/account")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
            Authentication user, Model model) {
        return passwordForm(model, "user/account", newPassword, confirmPassword, PASSWORD_FIELDS,
                () -> users.changePassword(Actor.of(user).username(), currentPassword, newPassword), "/account?changed");
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        return usersPage(model, "", EnumSet.noneOf(Role.class), Map.of());
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) List<Role> roles, Model model) {
        Set<Role> chosen = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        try {
            users.create(username, password, chosen);
            return "redirect:/admin/users?created";
        } catch (ApiException refusal) {
            return usersPage(model, username, chosen, FormErrors.of(refusal, FIELDS));
        }
    }

    /**
     * Submits a form that sets a password typed twice: refuses a mismatch itself, then runs {@code change} and
     * redirects to {@code done}, or shows the form again with the service's refusal beside its field.
     */
    private static String passwordForm(Model model, String view, String password, String confirmation,
            Map<String, String> fields, Runnable change, String done) {
        if (!password.equals(confirmation)) {
            model.addAttribute("errors", Map.of("confirmPassword", "The two passwords differ: type the same one twice"));
            return view;
        }
        try {
            change.run();
            return "redirect:" + done;
        } catch (ApiException refusal) {
            model.addAttribute("errors", FormErrors.of(refusal, fields));
            return view;
        }
    }

    private String usersPage(Model model, String username, Set<Role> chosen, Map<String, String> errors) {
        model.addAttribute("rows", users.usernames().stream().map(name -> new Row(name, users.roles(name))).toList());
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("username", username);
        model.addAttribute("chosen", chosen);
        model.addAttribute("errors", errors);
        model.addAttribute("defaultAdminPassword", users.defaultAdminPasswordInUse());
        return "user/users";
    }
}
