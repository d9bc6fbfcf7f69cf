package dev.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.bench.client.HandshakeLoad;
import dev.tollgate.bench.client.HandshakeResult;
import dev.tollgate.bench.client.HandshakeSettings;
import dev.tollgate.bench.client.LoadResult;
import dev.tollgate.bench.client.LoadSettings;
import dev.tollgate.bench.client.MessageLoad;
import dev.tollgate.bench.client.ProcessUsage;
import dev.tollgate.bench.client.Target;
import dev.tollgate.echo.EchoServer;
import dev.tollgate.echo.SelfSignedTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of each mode against the echo backend (ws, and wss with a self-signed certificate): messages flow,
 * latencies are recorded, no errors.
 */
@Timeout(30)
class BenchSmokeTest {

    private static EchoServer echo;

    @BeforeAll
    static void startEcho() {
        SelfSignedTls tls = SelfSignedTls.localhost();
        echo = EchoServer.start(EchoServer.Config.defaults().wss(0, tls.key(), tls.certificate()));
    }

    @AfterAll
    static void stopEcho() {
        echo.close();
    }

    @Test
    void closedLoopExchangesMessagesWithoutErrors() throws InterruptedException {
        LoadResult result = MessageLoad.run(settings(0));

        assertThat(result.connectionsOpened()).isEqualTo(4);
        assertThat(result.messages()).isGreaterThan(100);
        assertThat(result.messagesPerSecond()).isPositive();
        assertThat(result.latency().count()).isEqualTo(result.messages());
        assertThat(result.latency().p50()).isPositive();
        assertThat(result.latency().p99()).isGreaterThanOrEqualTo(result.latency().p50());
        assertThat(result.errors()).isEmpty();
        // A 10 ms probe on the client's one event loop, about 1 s measured.
        assertThat(result.clientLoopLag().count()).isBetween(50L, 150L);
        // The last second may be only a few milliseconds long, and empty.
        assertThat(result.worstRoundTripMillisBySecond()).isNotEmpty()
                .allMatch(worst -> worst >= 0 && worst * 1000 <= result.latency().max() + 100);
        assertThat(result.worstRoundTripMillisBySecond().get(0)).isPositive();
    }

    @Test
    void fixedRateSendsNoMoreThanTheRequestedRate() throws InterruptedException {
        LoadResult result = MessageLoad.run(settings(50));

        // 4 connections x 50/s for about 1 s: 200 due. A cold JVM (leak detection in paranoid mode) on a busy machine
        // answers fewer in the window, and messages due in the warm-up but sent late land in it; a client that sent
        // faster than the rate would exceed what fell due by the end of the window.
        long dueAtMost = (long) (4 * 50 * (0.6 + result.measuredSeconds()));
        assertThat(result.messages()).as("%s", result).isBetween(20L, dueAtMost);
        assertThat(result.latency().p50()).isPositive();
        assertThat(result.latency().max()).isGreaterThanOrEqualTo(result.latency().p99());
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void wssTrustsTheSelfSignedCertificateAndCountsHandshakes() throws InterruptedException {
        HandshakeResult result = HandshakeLoad.run(new HandshakeSettings(
                Target.of(echo.wssUrl().toString(), List.of()), 2, Duration.ZERO, Duration.ofSeconds(1),
                1, Duration.ofSeconds(5), List.of(ProcessHandle.current().pid())));

        assertThat(result.handshakes()).isPositive();
        // The echo backend runs in this JVM: its handshakes cost this process CPU time.
        ProcessUsage.Usage usage = result.targetUsage();
        assertThat(usage.cpuSeconds()).isPositive().isLessThan(2 * 2 * result.measuredSeconds());
        // Its event loops sleep between the handshakes of two workers, and wait for a core at most the window's
        // length per thread of this JVM.
        assertThat(usage.wakeups()).isPositive();
        assertThat(usage.preemptions()).isNotNegative();
        assertThat(usage.runQueueWaitSeconds()).isNotNegative()
                .isLessThan(Thread.getAllStackTraces().size() * result.measuredSeconds() * 2);
        assertThat(result.latency().count()).isEqualTo(result.handshakes());
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void commandLineWritesTextAndJsonReports(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");

        int exit = BenchCommand.commandLine().execute("throughput", "--url", echo.wsUrl().toString(),
                "-c", "2", "-s", "64", "--warmup", "200ms", "-d", "500ms", "-H", "Authorization: Bearer test",
                "--json", json.toString(), "--cpu-pid", Long.toString(ProcessHandle.current().pid()));

        assertThat(exit).isZero();
        assertThat(Files.readString(json))
                .contains("\"mode\": \"throughput\"", "\"connectionsOpened\": 2", "\"errorCount\": 0", "\"p99\"",
                        "\"targetCpuSeconds\"", "\"targetCpuMicrosPerMessage\"", "\"targetWakeupsPerMessage\"",
                        "\"targetRunQueueWaitMicrosPerMessage\"", "\"targetCpuMicrosPerWakeup\"", "\"clientLoopLagMicros\"",
                        "\"worstRoundTripMillisBySecond\": [", "\"cpuPids\": [" + ProcessHandle.current().pid() + "]");
    }

    @Test
    void idleReadsTheLiveHeapOfTheWatchedJvmWithTheConnectionsOpenAndClosed(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("idle.json");

        // The echo backend and the client both run in this JVM: 20 connections hold objects on both sides.
        int exit = BenchCommand.commandLine().execute("idle", "--url", echo.wsUrl().toString(), "-c", "20",
                "-s", "64", "--warmup", "200ms", "-d", "500ms", "--pid", Long.toString(ProcessHandle.current().pid()),
                "--live-heap", "--json", json.toString());

        assertThat(exit).isZero();
        String report = Files.readString(json);
        assertThat(report).contains("\"rssPerConnectionKib\"", "\"liveHeapOpenKib\"", "\"liveHeapClosedKib\"");
        assertThat(number(report, "liveHeapOpenKib")).isPositive();
        assertThat(number(report, "liveHeapPerConnectionKib")).isPositive();
    }

    @Test
    void refusesTheLiveHeapWithoutAProcessToWatch() {
        assertThatThrownBy(() -> new LoadSettings(Target.of(echo.wsUrl().toString(), List.of()), 4, 512, 1,
                Duration.ZERO, Duration.ofSeconds(1), 1, 4, Duration.ofSeconds(10), 0, true, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liveHeap");
    }

    private static double number(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\": (-?[0-9.]+)").matcher(json);
        assertThat(value.find()).as("%s in %s", field, json).isTrue();
        return Double.parseDouble(value.group(1));
    }

    @Test
    void refusesTargetsOffThisMachine() {
        assertThatThrownBy(() -> Target.of("ws://192.0.2.1:80/echo", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesAHeaderWithALineBreak() {
        assertThatThrownBy(() -> Target.Header.parse("Authorization: Bearer a\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break");
    }

    private static LoadSettings settings(double rate) {
        return new LoadSettings(Target.of(echo.wsUrl().toString(), List.of()), 4, 512, rate,
                Duration.ofMillis(300), Duration.ofSeconds(1), 1, 4, Duration.ofSeconds(10), 0, false, List.of());
    }
}
