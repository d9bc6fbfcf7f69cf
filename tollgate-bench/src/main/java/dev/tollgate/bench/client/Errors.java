package dev.tollgate.bench.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Error counts by kind ("connect: ConnectException", "handshake: 401", "closed by peer", ...). Thread-safe. */
public final class Errors {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void add(String kind, long n) {
        if (n > 0) {
            counts.computeIfAbsent(kind, k -> new LongAdder()).add(n);
        }
    }

    /** Counts a failed connect or upgrade, named after its cause. */
    public void add(Throwable cause) {
        if (cause instanceof UpgradeException refused) {
            add("handshake: " + refused.getMessage());
        } else {
            add("connect: " + cause.getClass().getSimpleName());
        }
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A sorted copy of the counts. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((kind, n) -> copy.put(kind, n.sum()));
        return copy;
    }
}
