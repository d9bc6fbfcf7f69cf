package dev.tollgate.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginAttemptsTest {

    private static final String ADDRESS = "127.0.0.1";

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginAttempts attempts = new LoginAttempts(5, Duration.ofMinutes(1), clock);

    @Test
    void fifthFailureLocksThePairForTheLockDuration() {
        for (int i = 1; i <= 4; i++) {
            assertThat(attempts.failed("Alice", ADDRESS)).as("failure %d", i).isZero();
        }
        assertThat(attempts.lockedFor("alice", ADDRESS)).isZero();
        assertThat(attempts.failed("alice", ADDRESS)).isEqualTo(Duration.ofMinutes(1));
        assertThat(attempts.lockedFor("ALICE", ADDRESS)).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(59));
        assertThat(attempts.lockedFor("alice", ADDRESS)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(attempts.lockedFor("alice", ADDRESS)).isZero();
        assertThat(attempts.failed("alice", ADDRESS)).as("counting starts again after a lock").isZero();
    }

    @Test
    void lockIsPerUsernameAndAddress() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("alice", ADDRESS);
        }
        assertThat(attempts.lockedFor("alice", ADDRESS)).isPositive();
        assertThat(attempts.lockedFor("alice", "10.0.0.2")).isZero();
        assertThat(attempts.lockedFor("bob", ADDRESS)).isZero();
    }

    @Test
    void successAndOldFailuresClearTheCount() {
        for (int i = 0; i < 4; i++) {
            attempts.failed("alice", ADDRESS);
        }
        attempts.succeeded("alice", ADDRESS);
        assertThat(attempts.failed("alice", ADDRESS)).isZero();

        for (int i = 0; i < 3; i++) {
            attempts.failed("bob", ADDRESS);
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(attempts.failed("bob", ADDRESS)).as("failures a while apart do not add up").isZero();
        assertThat(attempts.failed("bob", ADDRESS)).isZero();
    }

    @Test
    void refusesMeaninglessSettings() {
        assertThatThrownBy(() -> new LoginAttempts(0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new LoginAttempts(5, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockDuration");
    }
}
