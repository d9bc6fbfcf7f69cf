package dev.tollgate.server.user;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.server.system.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/am/devportal/v3/me}: who the caller is, and changing their own password (WSO2's path). */
@RestController
class MeController {

    record PasswordChange(String currentPassword, String newPassword) {
    }

    private final UserService users;

    MeController(UserService users) {
        this.users = users;
    }

    @GetMapping("/api/am/devportal/v3/me")
    Map<String, Object> me(Authentication user) {
        Actor actor = Actor.of(user);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", actor.username());
        json.put("roles", actor.roles().stream().map(role -> role.name().toLowerCase(java.util.Locale.ROOT)).toList());
        return json;
    }

    @PostMapping("/api/am/devportal/v3/me/change-password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange change, Authentication user) {
        users.changePassword(Actor.of(user).username(), change.currentPassword(), change.newPassword());
        return ResponseEntity.ok().build();
    }
}
