package dev.tollgate.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator's loop-lateness probe measures the loop, not the time it took to set itself up. */
class LoopLagTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);

    @AfterEach
    void shutDown() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void anIdleLoopIsNotLate() throws InterruptedException {
        try (LoopLag lag = new LoopLag(loops)) {
            Thread.sleep(600);
            Histogram window = lag.window();
            // Sixty periods in 600 ms; a slow machine may run fewer, never many more.
            assertThat(window.getTotalCount()).isBetween(20L, 61L);
            assertThat(window.getValueAtPercentile(50)).isLessThan(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    @Test
    void aBlockedLoopIsAsLateAsItWasBlocked() throws InterruptedException {
        try (LoopLag lag = new LoopLag(loops)) {
            Thread.sleep(50);
            loops.next().execute(() -> sleepUninterruptibly(150));
            Thread.sleep(300);
            assertThat(lag.window().getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(130));
        }
    }

    @Test
    void aClosedProbeRecordsNothingMore() throws InterruptedException {
        LoopLag lag = new LoopLag(loops);
        Thread.sleep(50);
        lag.close();
        Thread.sleep(50);
        lag.reset();
        Thread.sleep(100);
        assertThat(lag.window().getTotalCount()).isZero();
    }

    private static void sleepUninterruptibly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
