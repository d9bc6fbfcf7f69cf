package dev.tollgate.gateway.throttle;

import java.util.Objects;

/**
 * Why a handshake is refused with 429: a quota of the connection is already spent.
 *
 * @param level {@code subscription}, {@code application} or {@code api}
 * @param plan the name of the spent plan
 * @param retryAfterSeconds whole seconds until the quota is refilled, at least 1 (the {@code Retry-After} value)
 */
public record QuotaSpent(String level, String plan, long retryAfterSeconds) {

    public QuotaSpent {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(plan, "plan");
    }

    /** The reason given to the client; no token or internal id in it. */
    public String description() {
        return "The " + level + " quota of plan " + plan + " is spent; retry in " + retryAfterSeconds + " s";
    }
}
