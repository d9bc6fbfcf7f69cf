package dev.tollgate.gateway.throttle;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.RuntimeSubscription;
import dev.tollgate.model.ThrottlePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's throttling: the quota of every subscription, application and API that has live or recent traffic,
 * local or shared through Redis, and the plans they enforce, kept in step with the runtime snapshot.
 *
 * <p>Thread-safe: {@link #admit} runs on event loops during handshakes, {@link #onSnapshot} on the control plane's
 * thread.
 */
public final class Throttling implements AutoCloseable {

    private final RedisQuotas redis;
    private final ThrottleMeters meters;
    private final Map<String, Quota> quotas = new ConcurrentHashMap<>();
    /** One {@link Limits} per plan definition, so that an unchanged plan keeps its identity across snapshots. */
    private final Map<ThrottlePolicy, Limits> definitions = new ConcurrentHashMap<>();
    private volatile long revision;

    private Throttling(RedisQuotas redis, MeterRegistry registry) {
        this.redis = redis;
        this.meters = new ThrottleMeters(registry);
    }

    /**
     * Starts throttling; with a Redis URI, connects to it now (this must not be an event loop), and counts locally
     * until it can be reached.
     *
     * @param redis {@code redis://host:port} for counters shared across gateways, or {@code null} for local counting
     * @param registry where to count throttled frames, or {@code null}
     */
    public static Throttling start(URI redis, MeterRegistry registry) {
        return new Throttling(redis == null ? null : RedisQuotas.connect(redis), registry);
    }

    public ThrottlingMode mode() {
        return redis == null ? ThrottlingMode.LOCAL : redis.mode();
    }

    /**
     * The quotas of a connection whose handshake passed authentication and subscription checks, from the snapshot
     * the handshake uses; {@code null} when its subscription, application and API plans are all unlimited, so that
     * such a connection costs nothing while relaying. If a later snapshot limits one of its plans, the relay asks
     * again with {@link #admit(Connection, RuntimeSubscription, RuntimeSnapshot)} and starts counting.
     */
    public ConnectionQuotas admit(Connection connection, RuntimeSubscription subscription) {
        return admit(connection, subscription, connection.snapshot().snapshot());
    }

    /** The quotas of a connection under the plans of {@code snapshot}; {@code null} when all are unlimited. */
    public ConnectionQuotas admit(Connection connection, RuntimeSubscription subscription, RuntimeSnapshot snapshot) {
        Subject[] subjects = {
            Subject.subscription(subscription),
            Subject.application(connection.applicationId()),
            Subject.api(connection.route().api().id())
        };
        Limits[] limits = new Limits[subjects.length];
        boolean limited = false;
        for (int i = 0; i < subjects.length; i++) {
            limits[i] = limits(subjects[i].plan(snapshot), snapshot.revision());
            limited |= !limits[i].unlimited();
        }
        if (!limited) {
            return null;
        }
        Quota[] connectionQuotas = new Quota[subjects.length];
        for (int i = 0; i < subjects.length; i++) {
            Subject subject = subjects[i];
            Limits initial = limits[i];
            connectionQuotas[i] = quotas.computeIfAbsent(subject.key(), key -> newQuota(subject, initial));
        }
        return new ConnectionQuotas(connection, connectionQuotas, meters);
    }

    private Quota newQuota(Subject subject, Limits initial) {
        return redis == null ? new LocalQuota(subject, initial) : new SharedQuota(subject, initial, redis);
    }

    /**
     * Re-resolves every quota's plan from a newer snapshot; the next frame of every connection uses the new limits.
     * Quotas whose subject is gone are forgotten (their connections are being closed by the snapshot's review).
     */
    public void onSnapshot(RuntimeSnapshot snapshot) {
        if (snapshot.revision() < revision) {
            return;
        }
        revision = snapshot.revision();
        quotas.values().removeIf(quota -> !quota.subject().existsIn(snapshot));
        for (Quota quota : quotas.values()) {
            quota.limits(limits(quota.subject().plan(snapshot), snapshot.revision()));
        }
        Set<Limits> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
        quotas.values().forEach(quota -> inUse.add(quota.limits()));
        definitions.values().removeIf(limits -> !inUse.contains(limits));
    }

    private Limits limits(ThrottlePolicy policy, long seenAt) {
        if (policy == null || policy.unlimited()) {
            return Limits.UNLIMITED;
        }
        return definitions.computeIfAbsent(policy, definition -> Limits.of(definition, seenAt));
    }

    /** Closes the Redis connection, if any. */
    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
