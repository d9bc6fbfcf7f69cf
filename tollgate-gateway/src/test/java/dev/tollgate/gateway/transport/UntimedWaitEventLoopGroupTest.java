package dev.tollgate.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.transport.UntimedWaitEventLoopGroup.UntimedWaitEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deadline a loop hands its I/O handler: none with nothing scheduled, else the next scheduled task's. */
class UntimedWaitEventLoopGroupTest {

    private final UntimedWaitEventLoopGroup group = new UntimedWaitEventLoopGroup(1, NioIoHandler.newFactory());
    private final UntimedWaitEventLoop loop = (UntimedWaitEventLoop) group.next();

    @AfterEach
    void shutDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void loopThreadsAreNamedForTheGateway() throws Exception {
        assertThat(loop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
                .matches("tollgate-io-\\d+-1");
    }

    @Test
    void aLoopWithNothingScheduledHasNoDeadline() throws Exception {
        assertThat(deadline()).isEqualTo(-1);
    }

    @Test
    void aLoopWithATaskScheduledHasThatTasksDeadlineUntilItIsCancelled() throws Exception {
        ScheduledFuture<?> later = loop.schedule(() -> { }, 10, TimeUnit.MINUTES);
        ScheduledFuture<?> sooner = loop.schedule(() -> { }, 5, TimeUnit.MINUTES);
        assertThat(minutesAhead(deadline())).isBetween(4.0, 5.0);

        sooner.cancel(false);
        assertThat(minutesAhead(deadline())).isBetween(9.0, 10.0);
        later.cancel(false);
        assertThat(deadline()).isEqualTo(-1);
    }

    /** Asked on the loop, as its I/O handler asks; cancellations from other threads reach the queue through it. */
    private long deadline() throws Exception {
        return loop.submit(loop::deadlineNanos).get(5, TimeUnit.SECONDS);
    }

    private double minutesAhead(long deadlineNanos) {
        return (deadlineNanos - loop.ticker().nanoTime()) / (double) TimeUnit.MINUTES.toNanos(1);
    }
}
