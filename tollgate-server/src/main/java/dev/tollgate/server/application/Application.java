package dev.tollgate.server.application;

import java.time.Instant;

import dev.tollgate.model.RuntimeApplication;

/** A developer's application; {@code throttlingPolicy} is one of the application-level plans. */
public record Application(
        String id,
        String name,
        String owner,
        String throttlingPolicy,
        String description,
        String tokenType,
        Instant createdAt,
        Instant updatedAt) {

    public RuntimeApplication toRuntime() {
        return new RuntimeApplication(id, name, owner, throttlingPolicy);
    }
}
