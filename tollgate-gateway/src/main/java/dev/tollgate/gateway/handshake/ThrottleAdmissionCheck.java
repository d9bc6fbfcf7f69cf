package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.HandshakeOutcome;
import dev.tollgate.gateway.throttle.ConnectionQuotas;
import dev.tollgate.gateway.throttle.QuotaSpent;
import dev.tollgate.gateway.throttle.Throttling;
import dev.tollgate.model.RuntimeSubscription;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the connection's quotas (subscription, application, API) and refuses the handshake with 429 and
 * {@code Retry-After} when one of them is already spent; otherwise the relay will count the connection's frames.
 */
final class ThrottleAdmissionCheck implements HandshakeCheck {

    private final Throttling throttling;

    ThrottleAdmissionCheck(Throttling throttling) {
        this.throttling = throttling;
    }

    @Override
    public Optional<Refusal> check(FullHttpRequest request, Connection connection) {
        // The subscription stage has let the request through, so the subscription exists in this snapshot.
        RuntimeSubscription subscription = connection.snapshot().snapshot()
                .subscription(connection.applicationId(), connection.route().api().id()).orElseThrow();
        ConnectionQuotas quotas = throttling.admit(connection, subscription);
        if (quotas == null) {
            return Optional.empty();
        }
        Optional<QuotaSpent> spent = quotas.spent();
        if (spent.isPresent()) {
            return Optional.of(new Refusal(HttpResponseStatus.TOO_MANY_REQUESTS, HandshakeOutcome.THROTTLED,
                    spent.get().description(),
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(spent.get().retryAfterSeconds()))));
        }
        connection.throttled(quotas);
        return Optional.empty();
    }
}
