package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.model.RuntimeApi;
import dev.tollgate.model.RuntimeApplication;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.RuntimeSubscription;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Optional;

/** Lets through only an application subscribed to the API with a subscription that allows traffic; else 403. */
final class SubscriptionCheck implements HandshakeCheck {

    @Override
    public Optional<Refusal> check(FullHttpRequest request, Connection connection) {
        RuntimeSnapshot snapshot = connection.snapshot().snapshot();
        RuntimeApi api = connection.route().api();
        Optional<RuntimeSubscription> subscription = snapshot.subscription(connection.applicationId(), api.id());
        if (subscription.isEmpty()) {
            String application = snapshot.application(connection.applicationId())
                    .map(RuntimeApplication::name)
                    .orElse(connection.applicationId());
            return Optional.of(Refusal.forbidden("Application " + application + " is not subscribed to API "
                    + api.name() + ":" + api.version()));
        }
        if (!subscription.get().status().allowsTraffic()) {
            return Optional.of(Refusal.forbidden("Subscription is blocked"));
        }
        return Optional.empty();
    }
}
