package dev.tollgate.server.runtime;

import java.util.Locale;

import dev.tollgate.gateway.throttle.ThrottlingMode;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code throttling} component of {@code /actuator/health}: where the gateway counts ({@code local},
 * {@code shared}, or {@code local-fallback} while the configured Redis is unreachable). A fallback stays UP, since
 * the gateway keeps serving and enforcing each plan, per gateway instead of across them; the details say so.
 */
@Component("throttling")
class ThrottlingHealth implements HealthIndicator {

    private final AllInOne allInOne;

    ThrottlingHealth(AllInOne allInOne) {
        this.allInOne = allInOne;
    }

    @Override
    public Health health() {
        return allInOne.throttlingMode().map(ThrottlingHealth::of)
                .orElseGet(() -> Health.unknown().withDetail("gateway", "not running in this process").build());
    }

    private static Health of(ThrottlingMode mode) {
        Health.Builder health = Health.up().withDetail("mode", mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return switch (mode) {
            case LOCAL -> health.withDetail("counters", "this gateway only").build();
            case SHARED -> health.withDetail("counters", "shared through Redis").build();
            case LOCAL_FALLBACK -> health.withDetail("counters",
                    "Redis unreachable: this gateway enforces its plans on local counters until it is back").build();
        };
    }
}
