package dev.tollgate.model;

import java.util.Objects;

/** A developer-portal application: the subscriber of APIs, and the owner of consumer keys. */
public record RuntimeApplication(String id, String name, String owner, String plan) {

    public RuntimeApplication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(plan, "plan");
    }
}
