package dev.tollgate.server.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.SnapshotListener;
import dev.tollgate.server.api.Api;
import dev.tollgate.server.api.ApiService;
import dev.tollgate.server.application.Application;
import dev.tollgate.server.application.ApplicationService;
import dev.tollgate.server.keymanager.KeyManagerService;
import dev.tollgate.server.keymanager.KeyMapping;
import dev.tollgate.server.policy.Policy;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.subscription.Subscription;
import dev.tollgate.server.subscription.SubscriptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Builds the runtime snapshot from the store and hands it to every registered gateway. It is rebuilt whole after each
 * committed change: the state gateways need is small, and a whole snapshot can never be half-applied.
 */
@Component
public class RuntimeState {

    private static final Logger log = LoggerFactory.getLogger(RuntimeState.class);

    private final ApiService apis;
    private final ApplicationService applications;
    private final SubscriptionService subscriptions;
    private final KeyManagerService keyManager;
    private final PolicyService policies;
    private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong revision = new AtomicLong();
    private volatile RuntimeSnapshot current;

    RuntimeState(ApiService apis, ApplicationService applications, SubscriptionService subscriptions,
            KeyManagerService keyManager, PolicyService policies) {
        this.apis = apis;
        this.applications = applications;
        this.subscriptions = subscriptions;
        this.keyManager = keyManager;
        this.policies = policies;
    }

    /** The latest snapshot, built on first use. */
    public RuntimeSnapshot current() {
        RuntimeSnapshot snapshot = current;
        return snapshot != null ? snapshot : rebuild();
    }

    public void addListener(SnapshotListener listener) {
        listeners.add(listener);
        listener.onSnapshot(current());
    }

    public void removeListener(SnapshotListener listener) {
        listeners.remove(listener);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(StateChanged change) {
        log.debug("Rebuilding the runtime snapshot: {}", change.what());
        rebuild();
    }

    /** Rebuilds from the store and publishes; synchronized so that snapshots reach gateways in revision order. */
    public synchronized RuntimeSnapshot rebuild() {
        RuntimeSnapshot snapshot = RuntimeSnapshot.of(
                revision.incrementAndGet(),
                keyManager.tokenTrust(),
                apis.list().stream().filter(api -> api.state().isRouted() && api.endpointUrl().isPresent())
                        .map(Api::toRuntime).toList(),
                applications.all().stream().map(Application::toRuntime).toList(),
                keyManager.allKeyMappings().stream().map(KeyMapping::toRuntime).toList(),
                subscriptions.all().stream().map(Subscription::toRuntime).toList(),
                policies.list(PolicyLevel.SUBSCRIPTION).stream().map(Policy::toRuntime).toList(),
                policies.list(PolicyLevel.APPLICATION).stream().map(Policy::toRuntime).toList(),
                policies.list(PolicyLevel.API).stream().map(Policy::toRuntime).toList(),
                keyManager.revokedTokenIds());
        current = snapshot;
        for (SnapshotListener listener : listeners) {
            listener.onSnapshot(snapshot);
        }
        return snapshot;
    }

}
