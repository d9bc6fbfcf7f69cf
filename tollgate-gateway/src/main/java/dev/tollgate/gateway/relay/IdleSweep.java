package dev.tollgate.gateway.relay;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Arrays;

/**
 * Watches the relayed legs of one event loop for silence, in one task that sweeps them all every eighth of the idle
 * timeout: a leg silent for half the timeout is pinged, one silent for all of it is closed.
 *
 * <p>Why not an {@link io.netty.handler.timeout.IdleStateHandler} per leg: that is two more handlers every read passes
 * and one more clock read per read, plus a handler, a context and a scheduled task per leg, held for the life of the
 * connection; here a read costs one store into a field of the leg ({@link Leg#heardSinceLastSweep}), and a leg costs
 * a slot in two arrays. The price is precision: a leg silent for {@code k} sweeps has been silent for between
 * {@code k} and {@code k + 1} eighths, so it is pinged after between 4/8 and 5/8 of the timeout and closed after
 * between 8/8 and 9/8 of it.
 *
 * <p>Everything here runs on the event loop: legs are added and removed from their handlers, which run on it, and the
 * sweep itself is handed to the loop by an {@link OffLoopTimer}, which keeps the loop's own waits free of timers.
 */
final class IdleSweep implements Runnable {

    /** A relayed leg as the sweep sees it. */
    interface Leg {

        /** Whether the leg read anything since the last sweep asked; asking clears it. */
        boolean heardSinceLastSweep();

        boolean isOpen();

        /** The leg was silent for half the idle timeout. */
        void ping();

        /** The leg was silent for the whole idle timeout, its ping unanswered. */
        void idleOut();

        /** Where the sweep keeps the leg, -1 when it does not. */
        int sweepSlot();

        void sweepSlot(int slot);
    }

    /** Sweeps per idle timeout. */
    static final int SWEEPS_PER_TIMEOUT = 8;
    static final int PING_AFTER = SWEEPS_PER_TIMEOUT / 2;
    static final int CLOSE_AFTER = SWEEPS_PER_TIMEOUT;

    /** For a gateway that keeps idle connections forever: watches nothing. */
    static final IdleSweep OFF = new IdleSweep(false);

    private final boolean on;
    private Leg[] legs = new Leg[16];
    /** Sweeps in a row that found each leg silent, by slot. */
    private byte[] silentSweeps = new byte[16];
    private int size;

    private IdleSweep(boolean on) {
        this.on = on;
    }

    /**
     * A sweep of {@code loop}'s legs, running on it from now on every eighth of {@code idleTimeout} (at least 1 ms),
     * when {@code timer} hands it over.
     */
    static IdleSweep start(EventLoop loop, Duration idleTimeout, OffLoopTimer timer) {
        IdleSweep sweep = new IdleSweep(true);
        timer.repeat(loop, sweep, Math.max(1, idleTimeout.toMillis() / SWEEPS_PER_TIMEOUT));
        return sweep;
    }

    /** A sweep that nothing runs but {@link #run}: for tests. */
    static IdleSweep manual() {
        return new IdleSweep(true);
    }

    /** Watches {@code leg} from now on, counting it as just heard. */
    void add(Leg leg) {
        if (!on || leg.sweepSlot() >= 0) {
            return;
        }
        if (size == legs.length) {
            legs = Arrays.copyOf(legs, size * 2);
            silentSweeps = Arrays.copyOf(silentSweeps, size * 2);
        }
        legs[size] = leg;
        silentSweeps[size] = 0;
        leg.sweepSlot(size);
        size++;
    }

    /** Stops watching {@code leg}; the last leg moves into its slot. */
    void remove(Leg leg) {
        int slot = leg.sweepSlot();
        if (slot < 0 || slot >= size || legs[slot] != leg) {
            return;
        }
        size--;
        Leg last = legs[size];
        legs[slot] = last;
        silentSweeps[slot] = silentSweeps[size];
        last.sweepSlot(slot);
        legs[size] = null;
        leg.sweepSlot(-1);
    }

    int size() {
        return size;
    }

    @Override
    public void run() {
        // Backwards, so that a leg removed on the way (closed, or closing itself in idleOut) moves one already seen.
        for (int slot = size - 1; slot >= 0; slot--) {
            if (slot >= size) {
                continue;
            }
            Leg leg = legs[slot];
            if (!leg.isOpen()) {
                remove(leg);
                continue;
            }
            if (leg.heardSinceLastSweep()) {
                silentSweeps[slot] = 0;
                continue;
            }
            int silent = ++silentSweeps[slot];
            if (silent == PING_AFTER) {
                leg.ping();
            } else if (silent >= CLOSE_AFTER) {
                silentSweeps[slot] = 0;
                leg.idleOut();
            }
        }
    }
}
