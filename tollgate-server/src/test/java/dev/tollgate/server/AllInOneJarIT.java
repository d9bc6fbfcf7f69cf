package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server as a user runs it ({@code java -jar}, in a terminal): it prints one line when ready and a
 * Ctrl-C stops it cleanly. Runs after {@code package}, as a failsafe integration test.
 */
class AllInOneJarIT {

    @Test
    void startsFromTheJarAndStopsCleanlyOnCtrlC(@TempDir Path dataDir) throws Exception {
        Path jar = Path.of("target", "tollgate-server.jar");
        assertThat(jar).as("the packaged server").exists();
        Path log = dataDir.resolve("console.log");
        String command = "java -jar " + jar.toAbsolutePath() + " --tollgate.data-dir=" + dataDir.resolve("data")
                + " --server.port=" + freePort() + " --tollgate.gateway.ws-port=" + freePort()
                + " --tollgate.gateway.wss-port=" + freePort() + " --tollgate.echo.ws-port=" + freePort()
                + " --tollgate.echo.wss-port=" + freePort();
        // script gives the server a terminal, so that ^C written to it becomes SIGINT, as when a user presses Ctrl-C.
        Process process = new ProcessBuilder("script", "-qefc", command, "/dev/null")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream terminal = process.getOutputStream()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("Tollgate ready") && System.nanoTime() < deadline
                    && process.isAlive()) {
                Thread.sleep(200);
            }
            String started = Files.readString(log);
            assertThat(started).as(started).contains("Tollgate ready in", "/publisher", "gateway ws://",
                    "sample echo backend ws://");
            assertThat(started).as(started).containsPattern("Gateway listening on .*(io_uring|epoll|nio) transport");
            assertThat(started.lines().filter(line -> line.contains("Tollgate ready"))).hasSize(1);

            terminal.write(3);
            terminal.flush();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of Ctrl-C").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).as(output).contains("Tollgate stopped");
        assertThat(output).as(output).doesNotContain(" ERROR ", "Exception");
    }

    @Test
    void refusesAnUnknownTransportNamingTheValidOnes(@TempDir Path dataDir) throws Exception {
        Path jar = Path.of("target", "tollgate-server.jar");
        Path log = dataDir.resolve("console.log");
        Process process = new ProcessBuilder("java", "-jar", jar.toAbsolutePath().toString(),
                "--tollgate.data-dir=" + dataDir.resolve("data"), "--server.port=" + freePort(),
                "--tollgate.gateway.transport=kqueue")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exits within 120 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).as(output).contains("tollgate.gateway.transport", "kqueue", "IO_URING", "EPOLL", "NIO")
                .doesNotContain("Tollgate ready");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
