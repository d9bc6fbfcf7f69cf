package dev.tollgate.bench.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the CPU time processes have used, user and system, all threads, from {@code /proc/<pid>/stat}. A run reads it
 * at both ends of its measured window: CPU per message or per handshake is a figure that another process's load on
 * the machine moves far less than a rate.
 */
public final class ProcessCpu {

    /** Linux reports {@code /proc} times in USER_HZ clock ticks, 100 per second on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** utime and stime are the 14th and 15th fields; the 2nd, the command name, is in parentheses and may hold spaces. */
    private static final int UTIME_AFTER_COMM = 11;

    private final List<Long> pids;
    private final long startNanos;

    private ProcessCpu(List<Long> pids) {
        this.pids = pids;
        this.startNanos = nanos(pids);
    }

    /** Starts measuring a window: the CPU time the processes use from now on. */
    public static ProcessCpu watch(List<Long> pids) {
        return new ProcessCpu(pids);
    }

    /** The CPU time the processes used since {@link #watch}, in seconds; -1 when no process is watched. */
    public double seconds() {
        return pids.isEmpty() ? -1 : (nanos(pids) - startNanos) / 1e9;
    }

    /** The CPU time the processes have used so far, in nanoseconds; 0 for no process. */
    private static long nanos(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            try {
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cpu pid: " + pid + " (expected: a running process; cannot read "
                        + stat + ": " + e.getMessage() + ")", e);
            }
        }
        return ticks * NANOS_PER_TICK;
    }
}
