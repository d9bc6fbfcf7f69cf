package dev.tollgate.gateway.snapshot;

import dev.tollgate.model.RuntimeSnapshot;
import java.time.Clock;
import java.util.Objects;

/**
 * Holds the current {@link ActiveSnapshot}. Reads are a volatile load; updates come from the control plane's thread
 * and never from an event loop, so deriving the routing table there costs handshakes nothing.
 */
public final class SnapshotHolder {

    private volatile ActiveSnapshot current;

    public SnapshotHolder(RuntimeSnapshot initial, Clock clock) {
        this.current = ActiveSnapshot.of(
                Objects.requireNonNull(initial, "initial snapshot"), Objects.requireNonNull(clock, "clock"));
    }

    public ActiveSnapshot current() {
        return current;
    }

    /**
     * Installs {@code next} unless the installed revision is newer: events may arrive out of order. An equal revision
     * is installed again, which is harmless.
     *
     * @return the installed snapshot, or {@code null} when {@code next} was older and ignored
     */
    public synchronized ActiveSnapshot update(RuntimeSnapshot next) {
        Objects.requireNonNull(next, "snapshot");
        if (next.revision() < current.snapshot().revision()) {
            return null;
        }
        ActiveSnapshot active = current.next(next);
        current = active;
        return active;
    }
}
