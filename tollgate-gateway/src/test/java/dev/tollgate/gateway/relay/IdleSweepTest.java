package dev.tollgate.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleSweepTest {

    /** A leg that records what the sweep did to it; like a relay handler, it starts out heard. */
    private static final class FakeLeg implements IdleSweep.Leg {
        final List<String> events = new ArrayList<>();
        boolean heard = true;
        boolean open = true;
        int slot = -1;
        CountDownLatch pinged = new CountDownLatch(1);

        @Override
        public boolean heardSinceLastSweep() {
            boolean was = heard;
            heard = false;
            return was;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void ping() {
            events.add("ping");
            pinged.countDown();
        }

        @Override
        public void idleOut() {
            events.add("idle-out");
        }

        @Override
        public int sweepSlot() {
            return slot;
        }

        @Override
        public void sweepSlot(int slot) {
            this.slot = slot;
        }
    }

    private static void sweep(IdleSweep sweep, int times) {
        for (int i = 0; i < times; i++) {
            sweep.run();
        }
    }

    @Test
    void aSilentLegIsPingedAtHalfTheTimeoutAndIdledOutAtAllOfIt() {
        IdleSweep sweep = IdleSweep.manual();
        FakeLeg leg = new FakeLeg();
        sweep.add(leg);

        // The first sweep finds the leg as added (heard); silence counts from the next one.
        sweep(sweep, IdleSweep.PING_AFTER);
        assertThat(leg.events).isEmpty();
        sweep.run();
        assertThat(leg.events).containsExactly("ping");
        sweep(sweep, IdleSweep.CLOSE_AFTER - IdleSweep.PING_AFTER - 1);
        assertThat(leg.events).containsExactly("ping");
        sweep.run();
        assertThat(leg.events).containsExactly("ping", "idle-out");
    }

    @Test
    void aLegHeardBetweenSweepsIsNeverPinged() {
        IdleSweep sweep = IdleSweep.manual();
        FakeLeg leg = new FakeLeg();
        sweep.add(leg);
        for (int i = 0; i < 3 * IdleSweep.CLOSE_AFTER; i++) {
            sweep.run();
            if (i % IdleSweep.PING_AFTER == 0) {
                leg.heard = true;
            }
        }
        assertThat(leg.events).isEmpty();
    }

    @Test
    void anAnsweredPingStartsTheSilenceAgain() {
        IdleSweep sweep = IdleSweep.manual();
        FakeLeg leg = new FakeLeg();
        sweep.add(leg);
        sweep(sweep, IdleSweep.PING_AFTER + 1);
        assertThat(leg.events).containsExactly("ping");

        leg.heard = true; // the pong
        sweep(sweep, IdleSweep.CLOSE_AFTER - IdleSweep.PING_AFTER);
        assertThat(leg.events).containsExactly("ping");
        sweep(sweep, IdleSweep.PING_AFTER);
        assertThat(leg.events).containsExactly("ping", "ping");
    }

    @Test
    void closedLegsLeaveTheSweepAndTheOthersKeepTheirCount() {
        IdleSweep sweep = IdleSweep.manual();
        FakeLeg first = new FakeLeg();
        FakeLeg closed = new FakeLeg();
        FakeLeg removed = new FakeLeg();
        FakeLeg last = new FakeLeg();
        for (FakeLeg leg : List.of(first, closed, removed, last)) {
            sweep.add(leg);
        }
        sweep.add(first); // twice: still one slot
        assertThat(sweep.size()).isEqualTo(4);

        sweep(sweep, 2);
        sweep.remove(removed);
        assertThat(removed.slot).isEqualTo(-1);
        assertThat(last.slot).isEqualTo(2); // the last leg moved into the freed slot
        sweep.remove(removed); // twice: nothing
        closed.open = false;
        sweep.run();
        assertThat(sweep.size()).isEqualTo(2);
        assertThat(closed.slot).isEqualTo(-1);

        // The legs that stayed, one of them moved twice, were silent for two sweeps (the first found them heard).
        sweep(sweep, IdleSweep.PING_AFTER - 3);
        assertThat(first.events).isEmpty();
        assertThat(last.events).isEmpty();
        sweep.run();
        assertThat(first.events).containsExactly("ping");
        assertThat(last.events).containsExactly("ping");
        assertThat(closed.events).isEmpty();
        assertThat(removed.events).isEmpty();
    }

    @Test
    void manyLegsComeAndGo() {
        IdleSweep sweep = IdleSweep.manual();
        List<FakeLeg> legs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            FakeLeg leg = new FakeLeg();
            legs.add(leg);
            sweep.add(leg);
        }
        for (int i = 0; i < 100; i += 2) {
            sweep.remove(legs.get(i));
        }
        assertThat(sweep.size()).isEqualTo(50);
        for (int i = 1; i < 100; i += 2) {
            assertThat(legs.get(i).slot).isBetween(0, 49);
        }
        sweep(sweep, IdleSweep.PING_AFTER + 1);
        for (int i = 0; i < 100; i++) {
            assertThat(legs.get(i).events).as("leg %d", i).isEqualTo(i % 2 == 0 ? List.of() : List.of("ping"));
        }
    }

    @Test
    void offWatchesNothing() {
        FakeLeg leg = new FakeLeg();
        IdleSweep.OFF.add(leg);
        IdleSweep.OFF.run();
        assertThat(IdleSweep.OFF.size()).isZero();
        assertThat(leg.slot).isEqualTo(-1);
    }

    @Test
    void aStartedSweepRunsOnItsEventLoopEveryEighthOfTheTimeout() throws InterruptedException {
        EventLoop loop = new DefaultEventLoop();
        OffLoopTimer timer = new OffLoopTimer();
        try {
            IdleSweep sweep = IdleSweep.start(loop, Duration.ofMillis(400), timer);
            FakeLeg leg = new FakeLeg();
            long added = System.nanoTime();
            loop.execute(() -> sweep.add(leg));
            assertThat(leg.pinged.await(5, TimeUnit.SECONDS)).isTrue();
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - added);
            // Pinged after between half and five eighths of the timeout; the upper bound leaves room for a slow loop.
            assertThat(silentMillis).isBetween(200L, 2_000L);
        } finally {
            timer.close();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
