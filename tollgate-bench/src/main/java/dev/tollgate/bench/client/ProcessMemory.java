package dev.tollgate.bench.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from {@code /proc/<pid>/status}. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS in KiB. */
    public static long rssKib(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("pid: " + pid + " (expected: a running process; cannot read "
                    + status + ": " + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("pid: " + pid + " (expected: a process with VmRSS in " + status + ")");
    }
}
