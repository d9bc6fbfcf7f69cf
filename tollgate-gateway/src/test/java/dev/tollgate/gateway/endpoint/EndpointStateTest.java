package dev.tollgate.gateway.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.EndpointSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointStateTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final EndpointState state = new EndpointState(URI.create("ws://backend/x"));

    private static EndpointSettings suspension(long initialMillis, double factor, long maxMillis) {
        return new EndpointSettings(Duration.ofSeconds(1), "fault", Set.of(), Duration.ofMillis(initialMillis),
                Duration.ofMillis(maxMillis), factor, Set.of(), 0, Duration.ZERO);
    }

    @Test
    void eachSuspensionInARowGrowsByTheFactorUpToTheMaximum() {
        EndpointSettings settings = suspension(1_000, 2.0, 3_000);
        assertThat(state.suspendedUntil(T0)).isEmpty();

        assertThat(state.suspend(T0, settings)).contains(T0.plusMillis(1_000));
        assertThat(state.suspendedUntil(T0.plusMillis(999))).contains(T0.plusMillis(1_000));
        assertThat(state.suspendedUntil(T0.plusMillis(1_000))).isEmpty();

        Instant t1 = T0.plusMillis(1_500);
        assertThat(state.suspend(t1, settings)).contains(t1.plusMillis(2_000));
        Instant t2 = t1.plusMillis(2_500);
        assertThat(state.suspend(t2, settings)).contains(t2.plusMillis(3_000));
        Instant t3 = t2.plusMillis(3_500);
        assertThat(state.suspend(t3, settings)).contains(t3.plusMillis(3_000));
    }

    @Test
    void aFailureDuringASuspensionDoesNotSuspendAgain() {
        EndpointSettings settings = suspension(1_000, 2.0, 0);
        state.suspend(T0, settings);
        assertThat(state.suspend(T0.plusMillis(10), settings)).contains(T0.plusMillis(1_000));
        // Zero maximum: no cap, and the next one in a row is the second, not the third.
        Instant later = T0.plusMillis(1_000);
        assertThat(state.suspend(later, settings)).contains(later.plusMillis(2_000));
    }

    @Test
    void aSuccessResetsTheGrowth() {
        EndpointSettings settings = suspension(1_000, 3.0, 60_000);
        state.suspend(T0, settings);
        Instant later = T0.plusMillis(1_000);
        state.suspend(later, settings);
        state.succeeded();
        assertThat(state.suspendedUntil(later)).isEmpty();
        assertThat(state.suspend(later, settings)).contains(later.plusMillis(1_000));
    }

    @Test
    void aZeroInitialDurationNeverSuspends() {
        assertThat(state.suspend(T0, EndpointSettings.DEFAULTS)).isEmpty();
        assertThat(state.suspendedUntil(T0)).isEmpty();
    }
}
