package dev.tollgate.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * WSO2's "Endpoint Advanced Configurations" for one backend endpoint.
 *
 * @param connectionTimeout how long the gateway waits for the backend's TCP, TLS and WebSocket handshake
 * @param timeoutAction what a timeout does: {@code fault} (counts towards suspension) or {@code discard}
 * @param suspendErrorCodes error codes that suspend the endpoint at once
 * @param suspendInitialDuration first suspension; zero disables suspension
 * @param suspendMaxDuration the longest a suspension grows to
 * @param suspendFactor how much each consecutive suspension grows
 * @param timeoutErrorCodes error codes that count as timeouts (retried before suspending)
 * @param retriesBeforeSuspension failures tolerated before the endpoint is suspended
 * @param retryDelay the pause between retries
 */
public record EndpointSettings(
        Duration connectionTimeout,
        String timeoutAction,
        Set<Integer> suspendErrorCodes,
        Duration suspendInitialDuration,
        Duration suspendMaxDuration,
        double suspendFactor,
        Set<Integer> timeoutErrorCodes,
        int retriesBeforeSuspension,
        Duration retryDelay) {

    /** Defaults: 10 s to connect, no suspension and no retries, as a fresh WSO2 endpoint. */
    public static final EndpointSettings DEFAULTS = new EndpointSettings(
            Duration.ofSeconds(10), "fault", Set.of(), Duration.ZERO, Duration.ZERO, 1.0, Set.of(), 0, Duration.ZERO);

    public EndpointSettings {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(timeoutAction, "timeoutAction");
        suspendErrorCodes = Set.copyOf(suspendErrorCodes);
        Objects.requireNonNull(suspendInitialDuration, "suspendInitialDuration");
        Objects.requireNonNull(suspendMaxDuration, "suspendMaxDuration");
        timeoutErrorCodes = Set.copyOf(timeoutErrorCodes);
        Objects.requireNonNull(retryDelay, "retryDelay");
    }
}
