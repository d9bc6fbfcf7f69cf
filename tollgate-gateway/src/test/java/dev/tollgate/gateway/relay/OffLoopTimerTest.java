package dev.tollgate.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines kept off the event loops run their actions on their loops, when due, unless cancelled. */
class OffLoopTimerTest {

    private final OffLoopTimer timer = new OffLoopTimer();
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void shutDown() {
        timer.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void anActionRunsOnItsLoopOnceItIsDue() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicBoolean onLoop = new AtomicBoolean();
        long start = System.nanoTime();
        timer.schedule(loop, () -> {
            onLoop.set(loop.inEventLoop());
            ran.countDown();
        }, 100);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(100L, 3_000L);
        assertThat(onLoop).isTrue();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aCancelledActionNeverRunsAndLeavesTheTimerAtOnce() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        Future<?> expiry = timer.schedule(loop, ran::countDown, 100);
        timer.schedule(loop, () -> { }, TimeUnit.HOURS.toMillis(1));
        assertThat(timer.pending()).isEqualTo(2);

        expiry.cancel(false);
        assertThat(timer.pending()).isEqualTo(1);
        assertThat(ran.await(400, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void aRepeatedActionRunsOnItsLoopEveryPeriod() throws InterruptedException {
        CountDownLatch thrice = new CountDownLatch(3);
        AtomicInteger offLoop = new AtomicInteger();
        long start = System.nanoTime();
        Future<?> sweep = timer.repeat(loop, () -> {
            if (!loop.inEventLoop()) {
                offLoop.incrementAndGet();
            }
            thrice.countDown();
        }, 50);

        assertThat(thrice.await(5, TimeUnit.SECONDS)).isTrue();
        sweep.cancel(false);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150L);
        assertThat(offLoop).hasValue(0);
    }

    @Test
    void anActionForALoopThatShutDownIsDroppedAndTheTimerGoesOn() throws InterruptedException {
        EventLoop gone = new DefaultEventLoop();
        gone.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        CountDownLatch ranOnGone = new CountDownLatch(1);
        timer.repeat(gone, ranOnGone::countDown, 10);
        timer.schedule(gone, ranOnGone::countDown, 10);

        CountDownLatch ran = new CountDownLatch(1);
        timer.schedule(loop, ran::countDown, 100);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOnGone.getCount()).isEqualTo(1);
    }

    @Test
    void closingDropsEveryPendingDeadline() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        timer.schedule(loop, ran::countDown, 100);
        timer.repeat(loop, ran::countDown, 100);

        timer.close();
        assertThat(ran.await(400, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(timer.pending()).isZero();
    }
}
