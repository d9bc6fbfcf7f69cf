package dev.tollgate.bench.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's resident set size from {@code /proc/<pid>/status}, and a JVM's live heap with {@code jcmd}.
 */
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

    private static final long JCMD_TIMEOUT_SECONDS = 120;

    /**
     * The bytes of live objects on a JVM's heap, in KiB: the total of {@code jcmd <pid> GC.class_histogram}, which
     * runs a full collection first (a pause in the watched process).
     */
    public static long liveHeapKib(long pid) {
        String output = jcmd(pid, "GC.class_histogram");
        for (String line : output.lines().toList()) {
            if (line.startsWith("Total")) {
                String[] fields = line.trim().split("\\s+");
                return Long.parseLong(fields[fields.length - 1]) / 1024;
            }
        }
        throw new IllegalStateException("jcmd " + pid + " GC.class_histogram printed no Total line: "
                + output.strip().lines().findFirst().orElse("(nothing)"));
    }

    private static String jcmd(long pid, String command) {
        ProcessBuilder builder = new ProcessBuilder(jcmdPath(), Long.toString(pid), command).redirectErrorStream(true);
        Path output = null;
        try {
            // Into a file, not a pipe: a jcmd that hangs with its output open must not keep the timeout from running.
            output = Files.createTempFile("tollgate-bench-jcmd", ".txt");
            Process jcmd = builder.redirectOutput(output.toFile()).start();
            if (!jcmd.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " " + command + " did not finish in "
                        + JCMD_TIMEOUT_SECONDS + " s");
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (jcmd.exitValue() != 0) {
                throw new IllegalArgumentException("pid: " + pid + " (expected: a JVM that jcmd can attach to; jcmd "
                        + "exited with " + jcmd.exitValue() + ": " + printed.strip() + ")");
            }
            return printed;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + builder.command().get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for jcmd", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** The jcmd beside this JVM's java, which can attach to a JVM of the same version; else the one on the PATH. */
    private static String jcmdPath() {
        return ProcessHandle.current().info().command()
                .map(java -> Path.of(java).resolveSibling("jcmd"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .orElse("jcmd");
    }
}
