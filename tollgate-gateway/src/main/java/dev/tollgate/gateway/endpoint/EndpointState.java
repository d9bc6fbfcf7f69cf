package dev.tollgate.gateway.endpoint;

import dev.tollgate.model.EndpointSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether one API's endpoint is suspended, and how many suspensions in a row it has had. Handshakes on every event
 * loop share it, so each method holds the lock for a few field updates, never across a connect.
 */
final class EndpointState {

    /** A cap on any suspension, so that the growth by the factor cannot overflow. */
    private static final Duration LONGEST = Duration.ofDays(1);

    private final URI url;
    private int consecutiveSuspensions;
    private Instant suspendedUntil = Instant.MIN;

    EndpointState(URI url) {
        this.url = url;
    }

    URI url() {
        return url;
    }

    /** The end of the current suspension, or empty when handshakes may try the endpoint at {@code now}. */
    synchronized Optional<Instant> suspendedUntil(Instant now) {
        return now.isBefore(suspendedUntil) ? Optional.of(suspendedUntil) : Optional.empty();
    }

    /** A handshake reached the backend: the endpoint is healthy again. */
    synchronized void succeeded() {
        consecutiveSuspensions = 0;
        suspendedUntil = Instant.MIN;
    }

    /**
     * Suspends the endpoint from {@code now} for {@code suspendInitialDuration x suspendFactor^n}, n being the
     * suspensions since the last success, at most {@code suspendMaxDuration} (unless that is zero). A failure seen
     * while already suspended (a handshake that started before) does not suspend again. Returns the end of the
     * suspension; empty when suspension is off (a zero initial duration).
     */
    synchronized Optional<Instant> suspend(Instant now, EndpointSettings settings) {
        if (settings.suspendInitialDuration().isZero()) {
            return Optional.empty();
        }
        if (now.isBefore(suspendedUntil)) {
            return Optional.of(suspendedUntil);
        }
        double millis = settings.suspendInitialDuration().toMillis()
                * Math.pow(Math.max(1.0, settings.suspendFactor()), consecutiveSuspensions);
        Duration duration = Duration.ofMillis((long) Math.min(millis, LONGEST.toMillis()));
        if (!settings.suspendMaxDuration().isZero() && duration.compareTo(settings.suspendMaxDuration()) > 0) {
            duration = settings.suspendMaxDuration();
        }
        consecutiveSuspensions++;
        suspendedUntil = now.plus(duration);
        return Optional.of(suspendedUntil);
    }
}
