package dev.tollgate.gateway.connection;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.model.KeyMapping;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeApi;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.RuntimeSubscription;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a live connection is still allowed under a new snapshot, the same rules its handshake passed:
 * the API is still served, the token is not revoked, the application's keys and subscription are still there.
 */
public final class AccessReview {

    private AccessReview() {
    }

    /** Why the API's connections must end, or empty while the API is served. */
    public static Optional<CloseReason> ofApi(RuntimeApi api) {
        if (api == null) {
            return Optional.of(new CloseReason(CloseCodes.GOING_AWAY, "API removed"));
        }
        if (!api.state().isServed()) {
            String state = api.state() == LifecycleState.BLOCKED ? "blocked"
                    : api.state().displayName().toLowerCase(Locale.ROOT);
            return Optional.of(new CloseReason(CloseCodes.GOING_AWAY, "API " + state));
        }
        return Optional.empty();
    }

    /** Why this authenticated connection must end, or empty while its token, keys and subscription still hold. */
    public static Optional<CloseReason> ofCredentials(Connection connection, RuntimeSnapshot snapshot) {
        if (snapshot.revokedTokenIds().contains(connection.token().tokenId())) {
            return Optional.of(new CloseReason(CloseCodes.TOKEN_INVALID, "Access token revoked"));
        }
        Optional<KeyMapping> keys = snapshot.keyMapping(connection.token().clientId());
        if (keys.isEmpty() || !keys.get().applicationId().equals(connection.applicationId())) {
            return Optional.of(new CloseReason(CloseCodes.TOKEN_INVALID, "Application keys revoked"));
        }
        Optional<RuntimeSubscription> subscription =
                snapshot.subscription(connection.applicationId(), connection.route().api().id());
        if (subscription.isEmpty()) {
            return Optional.of(new CloseReason(CloseCodes.TOKEN_INVALID, "Subscription removed"));
        }
        if (!subscription.get().status().allowsTraffic()) {
            return Optional.of(new CloseReason(CloseCodes.TOKEN_INVALID, "Subscription is blocked"));
        }
        return Optional.empty();
    }
}
