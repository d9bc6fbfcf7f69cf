package dev.tollgate.server.system;

import dev.tollgate.server.user.Role;

/**
 * What the pages need to know about the person looking at them: the name and what their roles let them see. An
 * anonymous visitor has no viewer (null in the model).
 */
public record Viewer(String username, boolean creator, boolean publisher, boolean subscriber, boolean admin) {

    public static Viewer of(Actor actor) {
        return new Viewer(actor.username(), actor.has(Role.CREATOR), actor.has(Role.PUBLISHER),
                actor.has(Role.SUBSCRIBER), actor.has(Role.ADMIN));
    }

    /** Whether the publisher portal is open to this viewer (creators and publishers). */
    public boolean publisherPortal() {
        return creator || publisher;
    }
}
