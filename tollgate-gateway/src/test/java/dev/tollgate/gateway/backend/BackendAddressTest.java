package dev.tollgate.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backend addresses: IP literals need no look-up; names are looked up off the event loop, then kept briefly. */
class BackendAddressTest {

    private final EventExecutor loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void ipLiteralsAreResolvedWithoutALookUp() {
        InetSocketAddress v4 = BackendConnector.address("127.0.0.1", 8080);
        InetSocketAddress v6 = BackendConnector.address("[::1]", 8443);

        assertThat(v4.isUnresolved()).isFalse();
        assertThat(v4.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(v4.getPort()).isEqualTo(8080);
        assertThat(v6.isUnresolved()).isFalse();
        assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
        assertThat(v6.getPort()).isEqualTo(8443);
    }

    @Test
    void namesAreLeftToTheResolver() {
        InetSocketAddress named = BackendConnector.address("localhost", 8080);

        assertThat(named.isUnresolved()).isTrue();
        assertThat(named.getHostString()).isEqualTo("localhost");
    }

    @Test
    void aResolvedNameIsKeptForItsTimeToLive() throws Exception {
        AtomicInteger lookUps = new AtomicInteger();
        Executor counting = task -> {
            lookUps.incrementAndGet();
            task.run();
        };
        AtomicLong now = new AtomicLong();
        OffLoopResolverGroup group = new OffLoopResolverGroup(counting, Duration.ofSeconds(30), now::get);
        AddressResolver<InetSocketAddress> resolver = group.getResolver(loop);

        InetSocketAddress first = resolver.resolve(InetSocketAddress.createUnresolved("localhost", 80))
                .get(5, TimeUnit.SECONDS);
        InetSocketAddress again = resolver.resolve(InetSocketAddress.createUnresolved("localhost", 81))
                .get(5, TimeUnit.SECONDS);
        assertThat(lookUps).hasValue(1);
        assertThat(again.getAddress()).isEqualTo(first.getAddress());
        assertThat(again.getPort()).isEqualTo(81);

        now.addAndGet(Duration.ofSeconds(30).toNanos());
        resolver.resolve(InetSocketAddress.createUnresolved("localhost", 80)).get(5, TimeUnit.SECONDS);
        assertThat(lookUps).hasValue(2);
        group.close();
    }

    @Test
    void anUnknownNameIsNotKept() throws Exception {
        AtomicInteger lookUps = new AtomicInteger();
        Executor counting = task -> {
            lookUps.incrementAndGet();
            task.run();
        };
        OffLoopResolverGroup group = new OffLoopResolverGroup(counting, Duration.ofSeconds(30), System::nanoTime);
        AddressResolver<InetSocketAddress> resolver = group.getResolver(loop);

        for (int i = 0; i < 2; i++) {
            assertThat(resolver.resolve(InetSocketAddress.createUnresolved("no-such-host.invalid", 80))
                    .await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lookUps).hasValue(2);
        group.close();
    }
}
