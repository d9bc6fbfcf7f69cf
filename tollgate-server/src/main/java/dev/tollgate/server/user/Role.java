package dev.tollgate.server.user;

import java.util.Optional;

/**
 * The portal roles of WSO2 API Manager: a creator designs APIs, a publisher also changes their lifecycle, a subscriber
 * uses the developer portal, and an admin may do everything, including the admin portal.
 */
public enum Role {
    ADMIN,
    CREATOR,
    PUBLISHER,
    SUBSCRIBER;

    /** The Spring Security authority for this role ({@code ROLE_CREATOR}). */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
