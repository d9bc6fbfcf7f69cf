package dev.tollgate.gateway.endpoint;

import dev.tollgate.gateway.backend.BackendConnector;
import dev.tollgate.gateway.backend.BackendFailure;
import dev.tollgate.gateway.backend.BackendLeg;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.RuntimeApi;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the backend leg under the API's endpoint settings (WSO2's semantics, {@link EndpointSettings}):
 *
 * <ol>
 *   <li>While the endpoint is suspended, the handshake fails at once with 503 "Endpoint suspended until ..." and
 *       {@code Retry-After}; no connection is attempted.</li>
 *   <li>Otherwise each attempt is bounded by {@code connectionTimeout}. A failure gets an error code
 *       ({@link EndpointErrorCodes}: 101503 refused or unreachable, 101504 timeout, or the backend's HTTP status),
 *       and the code decides:
 *     <ul>
 *       <li>in {@code suspendErrorCodes}: the endpoint is suspended at once, without retries;</li>
 *       <li>a timeout (101504) when {@code timeoutAction} is not {@code fault} ({@code discard},
 *           {@code neverTimeout}): the handshake fails (504), counting towards nothing;</li>
 *       <li>in {@code timeoutErrorCodes}, or, when that set is empty, any of 101503, 101504 and 5xx: the connect is
 *           retried up to {@code retriesBeforeSuspension} times, {@code retryDelay} apart (scheduled on the event
 *           loop, never sleeping; abandoned if the client leaves), then the endpoint is suspended;</li>
 *       <li>anything else (a 4xx answer, say): the handshake fails with it, and the endpoint's state is untouched.</li>
 *     </ul></li>
 *   <li>Suspensions last {@code suspendInitialDuration}, times {@code suspendFactor} for each further suspension in a
 *       row, at most {@code suspendMaxDuration} (zero: no cap). A zero initial duration turns suspension off.</li>
 *   <li>The first handshake that reaches the backend resets the endpoint: no suspension, the next one starts from the
 *       initial duration again.</li>
 * </ol>
 *
 * A failing handshake answers the client with its own failure (502, 504 or the backend's status); the handshakes
 * after it meet the suspension.
 */
public final class EndpointConnector {

    private static final Logger log = LoggerFactory.getLogger(EndpointConnector.class);
    private static final String FAULT = "fault";

    private final BackendConnector backends;
    private final EndpointRegistry registry;
    private final Clock clock;

    public EndpointConnector(BackendConnector backends, EndpointRegistry registry, Clock clock) {
        this.backends = backends;
        this.registry = registry;
        this.clock = clock;
    }

    /** Connects the backend leg of {@code connection}, or fails with a {@link BackendFailure}. */
    public Future<BackendLeg> connect(Connection connection, FullHttpRequest request) {
        EventLoop loop = connection.client().eventLoop();
        RuntimeApi api = connection.route().api();
        EndpointState state = registry.state(api);
        Instant now = clock.instant();
        Optional<Instant> suspendedUntil = state.suspendedUntil(now);
        if (suspendedUntil.isPresent()) {
            return loop.newFailedFuture(BackendFailure.suspended(suspendedUntil.get(),
                    Duration.between(now, suspendedUntil.get())));
        }
        Promise<BackendLeg> result = loop.newPromise();
        attempt(connection, request, api, state, 0, result);
        return result;
    }

    private void attempt(Connection connection, FullHttpRequest request, RuntimeApi api, EndpointState state,
            int retries, Promise<BackendLeg> result) {
        backends.connect(connection, request).addListener((Future<BackendLeg> done) -> {
            if (done.isSuccess()) {
                state.succeeded();
                if (!result.trySuccess(done.getNow())) {
                    done.getNow().channel().close();
                }
                return;
            }
            if (!(done.cause() instanceof BackendFailure failure)) {
                result.tryFailure(done.cause());
                return;
            }
            EndpointSettings settings = api.endpoint().settings();
            int code = EndpointErrorCodes.of(failure);
            switch (decide(code, settings, retries)) {
                case RETRY -> {
                    if (!connection.client().isActive()) {
                        result.tryFailure(failure);
                        return;
                    }
                    log.debug("Retrying the endpoint of API {} after error {} ({} of {})", api.id(), code,
                            retries + 1, settings.retriesBeforeSuspension());
                    connection.client().eventLoop().schedule(
                            () -> attempt(connection, request, api, state, retries + 1, result),
                            settings.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
                }
                case SUSPEND -> {
                    state.suspend(clock.instant(), settings).ifPresent(until -> log.info(
                            "Endpoint of API {} suspended until {} after error {}", api.id(), until, code));
                    result.tryFailure(failure);
                }
                case FAIL -> result.tryFailure(failure);
            }
        });
    }

    private enum Decision { RETRY, SUSPEND, FAIL }

    private static Decision decide(int code, EndpointSettings settings, int retries) {
        if (settings.suspendErrorCodes().contains(code)) {
            return Decision.SUSPEND;
        }
        if (code == EndpointErrorCodes.CONNECTION_TIMEOUT
                && !FAULT.equals(settings.timeoutAction().toLowerCase(Locale.ROOT))) {
            return Decision.FAIL;
        }
        boolean countsAsTimeout = settings.timeoutErrorCodes().isEmpty()
                ? code == EndpointErrorCodes.CONNECTION_FAILED || code == EndpointErrorCodes.CONNECTION_TIMEOUT
                        || (code >= 500 && code < 600)
                : settings.timeoutErrorCodes().contains(code);
        if (!countsAsTimeout) {
            return Decision.FAIL;
        }
        return retries < settings.retriesBeforeSuspension() ? Decision.RETRY : Decision.SUSPEND;
    }
}
