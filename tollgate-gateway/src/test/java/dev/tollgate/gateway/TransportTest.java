package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.gateway.transport.Transport;
import dev.tollgate.model.LifecycleState;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay on each transport: the byte path (no extension), the decoded path (permessage-deflate), and TLS on both
 * legs. In CI a native transport this Linux machine cannot load fails the test rather than skipping it.
 */
@ExtendWith(NoLeaks.class)
class TransportTest {

    @ParameterizedTest
    @EnumSource(value = Transport.Kind.class, names = {"IO_URING", "EPOLL", "NIO"})
    void relaysEveryKindOfMessageOnEachTransport(Transport.Kind kind) throws Exception {
        requireAvailable(kind);
        try (GatewayHarness harness = GatewayHarness.withEchoApi(config -> config.transport(kind))) {
            harness.world.subscribed(TestWorld.api("secure", "/secure/echo", "v1", LifecycleState.PUBLISHED,
                    harness.echo.wssUrl()));
            harness.publish();
            assertThat(harness.gateway.transport()).isEqualTo(kind);

            RecordingWebSocket plain = harness.connect(GatewayHarness.ECHO_PATH);
            byte[] large = new byte[3 * 1024 * 1024 + 17];
            new Random(7).nextBytes(large);
            for (int i = 0; i < 3; i++) {
                plain.sendBinary(large);
                assertThat(plain.nextBinary()).isEqualTo(large);
            }
            plain.sendTextFragments("io ", "on ", kind.configName());
            assertThat(plain.nextText()).isEqualTo("io on " + kind.configName());
            GatewayHarness.echoesThenCloses(plain, "byte path");

            try (NettyWebSocket deflated = NettyWebSocket.connect(harness.ws(GatewayHarness.ECHO_PATH),
                    harness.tokens.token(TestWorld.CLIENT), true)) {
                deflated.sendText("decoded path ".repeat(1000));
                assertThat(deflated.nextMessage()).isEqualTo("decoded path ".repeat(1000));
            }

            RecordingWebSocket secure = RecordingWebSocket.connect(harness.wss("/secure/echo/v1"),
                    GatewayHarness.bearer(harness.tokens.token(TestWorld.CLIENT)), GatewayHarness.TLS.clientContext());
            GatewayHarness.echoesThenCloses(secure, "tls on both legs");
        }
    }

    /**
     * The gateway's loops wait for I/O with no deadline when nothing is scheduled on them: a task scheduled from
     * another thread must still wake them, one scheduled on the loop must still set its wait's deadline, and a loop
     * asked to shut down must still do so at once.
     */
    @ParameterizedTest
    @EnumSource(value = Transport.Kind.class, names = {"IO_URING", "EPOLL", "NIO"})
    void loopsWaitingWithoutADeadlineRunScheduledTasksOnTimeAndShutDownPromptly(Transport.Kind kind)
            throws Exception {
        requireAvailable(kind);
        EventLoopGroup group = Transport.of(kind).newGroup(1);
        try {
            EventLoop loop = group.next();
            loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertThat(millisUntilRun(task -> loop.schedule(task, 100, TimeUnit.MILLISECONDS)))
                    .as("scheduled from another thread").isBetween(100L, 3_000L);
            assertThat(millisUntilRun(task -> loop.execute(() -> loop.schedule(task, 100, TimeUnit.MILLISECONDS))))
                    .as("scheduled on the loop").isBetween(100L, 3_000L);
            CountDownLatch cancelledRan = new CountDownLatch(1);
            loop.schedule(cancelledRan::countDown, 100, TimeUnit.MILLISECONDS).cancel(false);
            assertThat(cancelledRan.await(400, TimeUnit.MILLISECONDS)).as("a cancelled task ran").isFalse();
        } finally {
            assertThat(group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS))
                    .as("shut down within 5 s").isTrue();
        }
    }

    /** Milliseconds from asking {@code schedule} to run a task until it ran, at most 5 s. */
    private static long millisUntilRun(Consumer<Runnable> schedule) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        schedule.accept(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).as("the task ran within 5 s").isTrue();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void autoPicksTheBestNativeTransportThisMachineHas() {
        Transport.Kind expected = IoUring.isAvailable() ? Transport.Kind.IO_URING
                : Epoll.isAvailable() ? Transport.Kind.EPOLL : Transport.Kind.NIO;
        assertThat(Transport.best().kind()).isEqualTo(expected);
        assertThat(GatewayConfig.builder().build().transport()).isEqualTo(Transport.Kind.AUTO);
    }

    private static void requireAvailable(Transport.Kind kind) {
        Throwable cause = switch (kind) {
            case IO_URING -> IoUring.unavailabilityCause();
            case EPOLL -> Epoll.unavailabilityCause();
            default -> null;
        };
        if (cause == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("The " + kind.configName() + " transport cannot run on this machine", cause);
        }
        Assumptions.abort("The " + kind.configName() + " transport cannot run here: " + cause);
    }
}
