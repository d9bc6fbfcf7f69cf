package dev.tollgate.gateway.throttle;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of shared throttling: one Lettuce connection and Bucket4j's compare-and-swap proxy manager over it,
 * used only through its asynchronous API.
 *
 * <p>Failing fast is the point: Lettuce rejects commands while disconnected and times them out after
 * {@link #TIMEOUT}, so an unreachable Redis makes the quotas fall back to local counting at once. The fallback lasts
 * {@link #RETRY_AFTER}; then the next frame tries Redis again. A connection that could not be opened at start is
 * retried on a daemon thread, never on an event loop. The outage is logged once at WARN, the recovery at INFO.
 */
final class RedisQuotas implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisQuotas.class);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final String KEY_PREFIX = "tollgate:throttle:";
    /** Buckets stay in Redis until they would be full again, plus this margin; idle subjects leave no keys behind. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private final URI uri;
    private final RedisClient client;
    private final ScheduledExecutorService connector;
    private final AtomicBoolean outageLogged = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile AsyncProxyManager<String> proxies;
    private volatile long unavailableUntilNanos;

    private RedisQuotas(URI uri) {
        this.uri = uri;
        this.client = RedisClient.create(RedisURI.create(uri.toString()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .build());
        this.connector = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tollgate-redis-connect");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects now (the caller is not an event loop); when Redis is unreachable, keeps trying in the background. */
    static RedisQuotas connect(URI uri) {
        RedisQuotas redis = new RedisQuotas(uri);
        if (!redis.tryConnect()) {
            redis.connector.scheduleWithFixedDelay(() -> {
                if (redis.proxies == null && redis.tryConnect()) {
                    redis.connector.shutdown();
                }
            }, RETRY_AFTER.toMillis(), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
        return redis;
    }

    private boolean tryConnect() {
        try {
            StatefulRedisConnection<String, byte[]> opened =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection = opened;
            proxies = Bucket4jLettuce.casBasedBuilder(opened)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            KEEP_AFTER_REFILL))
                    .build()
                    .asAsync();
            recovered();
            log.info("Throttling shares its counters through Redis at {}", safe(uri));
            return true;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    /** Whether quotas should ask Redis now, rather than count locally. */
    boolean available() {
        return proxies != null && System.nanoTime() - unavailableUntilNanos >= 0;
    }

    ThrottlingMode mode() {
        return available() ? ThrottlingMode.SHARED : ThrottlingMode.LOCAL_FALLBACK;
    }

    /**
     * The shared bucket of {@code key} under {@code limits}. A definition with a higher version than the one stored
     * replaces it: a raised plan adds the difference to what is left, a lowered one caps it.
     */
    AsyncBucketProxy bucket(String key, Limits limits) {
        return proxies.builder()
                .withImplicitConfigurationReplacement(limits.version(), TokensInheritanceStrategy.ADDITIVE)
                .build(KEY_PREFIX + key, limits.configuration());
    }

    /** A Redis call failed: count locally for a while, and say so once per outage. */
    void failed(Throwable cause) {
        unavailableUntilNanos = System.nanoTime() + RETRY_AFTER.toNanos();
        if (outageLogged.compareAndSet(false, true)) {
            log.warn("Redis at {} is unreachable ({}); throttling continues on this gateway's local limits, and "
                    + "Redis is tried again every {} s", safe(uri), cause.toString(), RETRY_AFTER.toSeconds());
        }
    }

    /** A Redis call succeeded. */
    void recovered() {
        if (outageLogged.compareAndSet(true, false)) {
            log.info("Redis at {} is reachable again; throttling counters are shared again", safe(uri));
        }
    }

    /** The URI without its password, for logs. */
    private static String safe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() {
        connector.shutdownNow();
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, TIMEOUT);
    }
}
