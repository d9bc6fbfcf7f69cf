package dev.tollgate.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code wscat} (npm) as a user would type it. Found in {@code .tools/node_modules/.bin} (where
 * {@code bin/install-test-tools} puts it), in {@code TOLLGATE_WSCAT}, or on the PATH; when it is missing the test
 * fails, never skips.
 *
 * <p>wscat runs in a pseudo-terminal (util-linux {@code script}), as in the user's shell: only then does it print
 * what it receives as {@code < message}. It sends what it reads on standard input and quits when that closes, so each
 * run feeds it the line to send and then keeps standard input open for a while to read the answers.
 */
public final class Wscat {

    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    /** What one wscat run printed (terminal escapes removed), and how it ended. */
    public record Run(int exitCode, String output) {
        public boolean echoed(String message) {
            return output.lines().anyMatch(line -> line.strip().endsWith("< " + message));
        }
    }

    private Wscat() {
    }

    private static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    public static Path executable() {
        String configured = System.getenv("TOLLGATE_WSCAT");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/node_modules/.bin/wscat");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(entry, "wscat");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("wscat is not installed: run bin/install-test-tools (npm install wscat)");
    }

    /**
     * Runs a command line that starts with {@code wscat} (as printed in the tutorial), sending {@code message}
     * once connected and waiting {@code seconds} for the answer.
     */
    public static Run run(String commandLine, String message, int seconds) {
        if (!commandLine.startsWith("wscat ")) {
            throw new IllegalArgumentException("Not a wscat command: " + commandLine);
        }
        String command = "'" + executable() + "'" + commandLine.substring("wscat".length());
        String terminal = "script -qec " + shellQuote(command) + " /dev/null";
        String script = "{ sleep 1; printf '%s\\n' '" + message + "'; sleep " + seconds + "; } | " + terminal;
        try {
            Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            if (!process.waitFor(seconds + 20L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wscat did not finish in time: " + commandLine);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(process.exitValue(), ANSI.matcher(output).replaceAll("").replace("\r", "\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
