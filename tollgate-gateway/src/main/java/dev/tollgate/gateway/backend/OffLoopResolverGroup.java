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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Resolves backend host names with the JDK resolver on a separate executor. The JDK resolver blocks (it may wait for
 * DNS), and Netty's default resolver would call it on the event loop; here the event loop only gets the answer.
 */
final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final Executor blockingExecutor;

    OffLoopResolverGroup(Executor blockingExecutor) {
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new OffLoopNameResolver(executor, blockingExecutor).asAddressResolver();
    }

    private static final class OffLoopNameResolver extends InetNameResolver {

        private final Executor blockingExecutor;

        OffLoopNameResolver(EventExecutor executor, Executor blockingExecutor) {
            super(executor);
            this.blockingExecutor = blockingExecutor;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            blockingExecutor.execute(() -> {
                try {
                    promise.trySuccess(SocketUtils.addressByName(host));
                } catch (UnknownHostException e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            blockingExecutor.execute(() -> {
                try {
                    promise.trySuccess(Arrays.asList(SocketUtils.allAddressesByName(host)));
                } catch (UnknownHostException e) {
                    promise.tryFailure(e);
                }
            });
        }
    }
}
