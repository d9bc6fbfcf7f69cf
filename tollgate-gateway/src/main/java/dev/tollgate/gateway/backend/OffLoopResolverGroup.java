package dev.tollgate.gateway.backend;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.internal.SocketUtils;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Resolves backend host names with the JDK resolver on a separate executor. The JDK resolver blocks (it may wait for
 * DNS), and Netty's default resolver would call it on the event loop; here the event loop only gets the answer.
 *
 * <p>Answers are kept briefly and shared by every event loop, so that repeated connects to the same backend host
 * skip the hop to the executor; failures are not kept.
 */
final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    /** How long a resolved name is reused: as long as the JDK's own positive cache keeps it by default. */
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    /** Backend hosts are few (one per endpoint); past this many the kept answers are dropped and gathered again. */
    private static final int MAX_NAMES = 1024;

    private record Resolution(List<InetAddress> addresses, long expiresAtNanos) {
    }

    private final Executor blockingExecutor;
    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Resolution> resolved = new ConcurrentHashMap<>();

    OffLoopResolverGroup(Executor blockingExecutor) {
        this(blockingExecutor, TIME_TO_LIVE, System::nanoTime);
    }

    OffLoopResolverGroup(Executor blockingExecutor, Duration timeToLive, LongSupplier nanoTime) {
        this.blockingExecutor = blockingExecutor;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new OffLoopNameResolver(executor).asAddressResolver();
    }

    private List<InetAddress> cached(String host) {
        Resolution resolution = resolved.get(host);
        if (resolution == null) {
            return null;
        }
        if (nanoTime.getAsLong() - resolution.expiresAtNanos() >= 0) {
            resolved.remove(host, resolution);
            return null;
        }
        return resolution.addresses();
    }

    /** Runs on the blocking executor. */
    private List<InetAddress> lookUp(String host) throws UnknownHostException {
        List<InetAddress> addresses = List.of(SocketUtils.allAddressesByName(host));
        if (resolved.size() >= MAX_NAMES) {
            resolved.clear();
        }
        resolved.put(host, new Resolution(addresses, nanoTime.getAsLong() + timeToLiveNanos));
        return addresses;
    }

    private final class OffLoopNameResolver extends InetNameResolver {

        OffLoopNameResolver(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            List<InetAddress> addresses = cached(host);
            if (addresses != null) {
                promise.trySuccess(addresses.get(0));
                return;
            }
            blockingExecutor.execute(() -> {
                try {
                    promise.trySuccess(lookUp(host).get(0));
                } catch (UnknownHostException e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            List<InetAddress> addresses = cached(host);
            if (addresses != null) {
                promise.trySuccess(addresses);
                return;
            }
            blockingExecutor.execute(() -> {
                try {
                    promise.trySuccess(lookUp(host));
                } catch (UnknownHostException e) {
                    promise.tryFailure(e);
                }
            });
        }
    }
}
