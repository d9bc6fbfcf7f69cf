package dev.tollgate.bench.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What processes took of the machine's CPUs in a measured window, read from {@code /proc} at both ends of it: CPU
 * time (user + system, all threads, {@code /proc/<pid>/stat}), and how their threads were scheduled: how often they
 * went to sleep waiting for work (voluntary context switches: about one per wake-up), how often the scheduler took
 * the CPU from them (involuntary ones), and how long they waited on a run queue for a CPU once runnable ({@code
 * /proc/<pid>/task/<tid>/schedstat}).
 *
 * <p>CPU per message or per handshake moves far less with the rest of the machine's load than a rate does. The
 * scheduling figures tell two proxies with the same CPU per message apart at a fixed rate: a proxy that is woken as
 * often but runs longer per wake-up waits longer for a core on a busy machine, which is where a tail comes from.
 * Thread counts are kept per thread: a thread that ends inside the window takes its counts with it.
 */
public final class ProcessUsage {

    /** Linux reports {@code /proc} times in USER_HZ clock ticks, 100 per second on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** utime and stime are the 14th and 15th fields; the 2nd, the command name, is in parentheses and may hold spaces. */
    private static final int UTIME_AFTER_COMM = 11;

    private final List<Long> pids;
    private final long startCpuNanos;
    private final Map<Long, ThreadCounts> startThreads;

    private ProcessUsage(List<Long> pids) {
        this.pids = pids;
        this.startCpuNanos = cpuNanos(pids);
        this.startThreads = threads(pids);
    }

    /** Starts measuring a window: what the processes use from now on. */
    public static ProcessUsage watch(List<Long> pids) {
        return new ProcessUsage(pids);
    }

    /** What the processes used since {@link #watch}; {@link Usage#NONE} when no process is watched. */
    public Usage used() {
        if (pids.isEmpty()) {
            return Usage.NONE;
        }
        double cpuSeconds = (cpuNanos(pids) - startCpuNanos) / 1e9;
        long wakeups = 0;
        long preemptions = 0;
        long runQueueWaitNanos = 0;
        for (Map.Entry<Long, ThreadCounts> thread : threads(pids).entrySet()) {
            ThreadCounts end = thread.getValue();
            ThreadCounts start = startThreads.getOrDefault(thread.getKey(), ThreadCounts.ZERO);
            wakeups += end.voluntarySwitches - start.voluntarySwitches;
            preemptions += end.involuntarySwitches - start.involuntarySwitches;
            runQueueWaitNanos += end.runQueueWaitNanos - start.runQueueWaitNanos;
        }
        return new Usage(cpuSeconds, wakeups, preemptions, runQueueWaitNanos / 1e9);
    }

    /**
     * What the watched processes used in a window.
     *
     * @param cpuSeconds CPU time, user and system, all threads; -1 when no process was watched
     * @param wakeups times their threads went to sleep by themselves (waiting for work, a lock or a timer)
     * @param preemptions times the scheduler took a CPU from one of their runnable threads
     * @param runQueueWaitSeconds time their threads spent runnable but waiting for a CPU
     */
    public record Usage(double cpuSeconds, long wakeups, long preemptions, double runQueueWaitSeconds) {

        public static final Usage NONE = new Usage(-1, -1, -1, -1);

        public boolean measured() {
            return cpuSeconds >= 0;
        }
    }

    private record ThreadCounts(long voluntarySwitches, long involuntarySwitches, long runQueueWaitNanos) {
        static final ThreadCounts ZERO = new ThreadCounts(0, 0, 0);
    }

    /** The CPU time the processes have used so far, in nanoseconds; 0 for no process. */
    private static long cpuNanos(List<Long> pids) {
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

    /** Every live thread of the processes, by thread id; a thread that ends while it is read is left out. */
    private static Map<Long, ThreadCounts> threads(List<Long> pids) {
        Map<Long, ThreadCounts> threads = new HashMap<>();
        for (long pid : pids) {
            Path tasks = Path.of("/proc", Long.toString(pid), "task");
            try (Stream<Path> list = Files.list(tasks)) {
                for (Path task : (Iterable<Path>) list::iterator) {
                    ThreadCounts counts = read(task);
                    if (counts != null) {
                        threads.put(Long.parseLong(task.getFileName().toString()), counts);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cpu pid: " + pid + " (expected: a running process; cannot list "
                        + tasks + ": " + e.getMessage() + ")", e);
            }
        }
        return threads;
    }

    private static ThreadCounts read(Path task) {
        long voluntary = -1;
        long involuntary = -1;
        String schedstat;
        List<String> status;
        try {
            status = Files.readAllLines(task.resolve("status"));
            schedstat = Files.readString(task.resolve("schedstat"));
        } catch (IOException e) {
            return null; // the thread ended
        }
        for (String line : status) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        // schedstat: time on a CPU, time waiting on a run queue (both ns), time slices run.
        String[] fields = schedstat.trim().split(" ");
        if (voluntary < 0 || involuntary < 0 || fields.length < 2) {
            throw new IllegalStateException("unexpected scheduler counters in " + task + ": " + status + " / "
                    + schedstat);
        }
        return new ThreadCounts(voluntary, involuntary, Long.parseLong(fields[1]));
    }
}
