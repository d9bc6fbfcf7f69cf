package dev.tollgate.gateway.throttle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tollgate.gateway.throttled}: frames over a quota, tagged {@code api} ({@code name:version}), {@code plan},
 * {@code direction} ({@code upstream} from the client, {@code downstream} from the backend) and {@code action}
 * ({@code dropped}, {@code closed}, or {@code passed} for a plan that only counts). Counters are created once and
 * cached; connections keep the ones they use, so counting a throttled frame does not allocate.
 */
final class ThrottleMeters {

    static final String NAME = "tollgate.gateway.throttled";

    /** A counter that counts nothing, when no registry is configured. */
    private static final Counter NONE = new Counter() {
        @Override
        public void increment(double amount) {
        }

        @Override
        public double count() {
            return 0;
        }

        @Override
        public Id getId() {
            return new Id(NAME, io.micrometer.core.instrument.Tags.empty(), null, null, Type.COUNTER);
        }
    };

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param registry where to publish, or {@code null} for nowhere */
    ThrottleMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    Counter counter(String api, String plan, String direction, String action) {
        if (registry == null) {
            return NONE;
        }
        return counters.computeIfAbsent(api + '\n' + plan + '\n' + direction + '\n' + action,
                key -> Counter.builder(NAME)
                        .description("WebSocket frames over a throttling quota")
                        .tag("api", api)
                        .tag("plan", plan)
                        .tag("direction", direction)
                        .tag("action", action)
                        .register(registry));
    }
}
