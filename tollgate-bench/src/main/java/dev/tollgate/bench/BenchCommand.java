package dev.tollgate.bench;

import dev.tollgate.bench.client.HandshakeLoad;
import dev.tollgate.bench.client.HandshakeSettings;
import dev.tollgate.bench.client.LoadResult;
import dev.tollgate.bench.client.LoadSettings;
import dev.tollgate.bench.client.MessageLoad;
import dev.tollgate.bench.client.Target;
import dev.tollgate.bench.client.WsClient;
import dev.tollgate.echo.EchoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar tollgate-bench.jar MODE [options]}: the load generator's command line. Each mode prints its report
 * as text and, with {@code --json FILE}, as JSON; the exit code is 0 when the run had no error, 1 otherwise.
 */
@Command(name = "tollgate-bench", mixinStandardHelpOptions = true, version = "tollgate-bench 0.1",
        description = "WebSocket load generator for Tollgate, nginx and the echo backend (loopback targets only).",
        subcommands = {
                BenchCommand.Throughput.class, BenchCommand.LatencyMode.class, BenchCommand.Idle.class,
                BenchCommand.Handshakes.class, BenchCommand.Echo.class})
public final class BenchCommand {

    /** Exit code of a run that completed but counted errors. */
    static final int EXIT_ERRORS = 1;

    /**
     * As the server's {@code main} does: Netty tracks one buffer in 4,096 for leaks instead of one in 128, whose stack
     * traces were 1-1.5% of the load generator's and the echo backend's CPU in a handshake run. {@code
     * -Dio.netty.leakDetection.samplingInterval=N} sets another interval.
     */
    public static void main(String[] args) {
        if (System.getProperty("io.netty.leakDetection.samplingInterval") == null) {
            System.setProperty("io.netty.leakDetection.samplingInterval", "4096");
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new BenchCommand())
                .registerConverter(Duration.class, new DurationConverter())
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    // Settings are checked where they are built; their message is the whole answer, not a trace.
                    if (e instanceof IllegalArgumentException) {
                        command.getErr().println(e.getMessage());
                        return command.getCommandSpec().exitCodeOnInvalidInput();
                    }
                    throw e;
                });
    }

    /** The target and output, shared by every load mode. */
    static final class TargetOptions {

        @Option(names = {"-u", "--url"}, required = true, description = "ws:// or wss:// URL on this machine.")
        String url;

        @Option(names = {"-H", "--header"}, description = "Upgrade-request header \"Name: value\", repeatable "
                + "(e.g. \"Authorization: Bearer TOKEN\").")
        List<String> headers = new ArrayList<>();

        @Option(names = "--threads", defaultValue = "1", description = "Client event loops (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--json", description = "Also write the report as JSON to this file.")
        Path json;

        @Option(names = "--cpu-pid", split = ",", description = "Processes whose CPU time (user + system, all "
                + "threads) over the measured window to report, in all and per message or handshake: the target's "
                + "(for nginx, its workers). Repeatable or comma-separated.")
        List<Long> cpuPids = new ArrayList<>();

        Target target() {
            return Target.of(url, headers.stream().map(Target.Header::parse).toList());
        }

        int report(Map<String, Object> report, long errors) throws IOException {
            System.out.print(Reports.text(report));
            if (json != null) {
                Files.writeString(json, Json.write(report));
            }
            return errors == 0 ? 0 : EXIT_ERRORS;
        }
    }

    /** How long a run loads before it measures, and how long it measures; shared by every load mode. */
    static final class TimingOptions {

        @Option(names = "--warmup", defaultValue = "3s", description = "Load before measuring (default: "
                + "${DEFAULT-VALUE}).")
        Duration warmup;

        @Option(names = {"-d", "--duration"}, defaultValue = "10s", description = "Measured time (default: "
                + "${DEFAULT-VALUE}).")
        Duration duration;
    }

    /** Connections and message size, shared by the message modes. */
    static final class LoadOptions {

        @Option(names = {"-c", "--connections"}, defaultValue = "100", description = "Connections (default: "
                + "${DEFAULT-VALUE}).")
        int connections;

        @Option(names = {"-s", "--size"}, defaultValue = "512", description = "Message payload bytes, at least 8 "
                + "(default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--connect-concurrency", defaultValue = "100", description = "Handshakes in flight while "
                + "opening connections (default: ${DEFAULT-VALUE}).")
        int connectConcurrency;

        @Option(names = "--connect-timeout", defaultValue = "60s", description = "Time allowed to open all "
                + "connections (default: ${DEFAULT-VALUE}).")
        Duration connectTimeout;

        LoadSettings settings(TargetOptions target, TimingOptions timing, double rate, long pid, boolean liveHeap) {
            return new LoadSettings(target.target(), connections, size, rate, timing.warmup, timing.duration,
                    target.threads, connectConcurrency, connectTimeout, pid, liveHeap, target.cpuPids);
        }
    }

    /** A message mode: the options every one takes, and the run; subclasses say the rate and the watched process. */
    abstract static class MessageMode implements Callable<Integer> {

        @Mixin
        TargetOptions target;

        @Mixin
        TimingOptions timing;

        @Mixin
        LoadOptions load;

        /** Messages per second per connection, 0 for a closed loop. */
        abstract double rate();

        /** The process whose memory to watch, 0 for none. */
        long pid() {
            return 0;
        }

        /** Whether to read the watched JVM's live heap too. */
        boolean liveHeap() {
            return false;
        }

        @Override
        public Integer call() throws Exception {
            String mode = getClass().getAnnotation(Command.class).name();
            LoadResult result = MessageLoad.run(load.settings(target, timing, rate(), pid(), liveHeap()));
            return target.report(Reports.load(mode, result), result.errorCount());
        }
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = "Closed loop: each connection sends a message, waits for its echo, sends the next.")
    static final class Throughput extends MessageMode {

        @Override
        double rate() {
            return 0;
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "Fixed rate: each connection sends --rate messages per second; latency is measured from "
                    + "when each message was due.")
    static final class LatencyMode extends MessageMode {

        @Option(names = {"-r", "--rate"}, defaultValue = "100", description = "Messages per second per connection, "
                + "more than 0 (default: ${DEFAULT-VALUE}).")
        double rate;

        @Override
        double rate() {
            if (rate <= 0) {
                throw new IllegalArgumentException("--rate: " + rate + " (expected: more than 0)");
            }
            return rate;
        }
    }

    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "Many mostly idle connections, each sending one message per second; with --pid, the "
                    + "growth of that process's resident memory per connection.")
    static final class Idle extends MessageMode {

        @Option(names = "--pid", defaultValue = "0", description = "Process whose VmRSS to read before and after "
                + "(the gateway's).")
        long pid;

        @Option(names = "--live-heap", description = "With --pid, also the live objects on that JVM's heap with the "
                + "connections open and after they closed, per connection (jcmd GC.class_histogram: a full "
                + "collection in that process each time, outside the measured window).")
        boolean liveHeap;

        @Override
        double rate() {
            return 1;
        }

        @Override
        long pid() {
            return pid;
        }

        @Override
        boolean liveHeap() {
            return liveHeap;
        }
    }

    @Command(name = "handshakes", mixinStandardHelpOptions = true,
            description = "Handshake rate: --workers loops of connect, upgrade (with the headers), close.")
    static final class Handshakes implements Callable<Integer> {

        @Mixin
        TargetOptions target;

        @Mixin
        TimingOptions timing;

        @Option(names = {"-w", "--workers"}, defaultValue = "32", description = "Concurrent loops (default: "
                + "${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--handshake-timeout", defaultValue = "10s", description = "Time allowed for one "
                + "handshake (default: ${DEFAULT-VALUE}).")
        Duration handshakeTimeout;

        @Override
        public Integer call() throws Exception {
            var result = HandshakeLoad.run(new HandshakeSettings(target.target(), workers, timing.warmup, timing.duration,
                    target.threads, handshakeTimeout, target.cpuPids));
            return target.report(Reports.handshakes(result), result.errorCount());
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "Runs Tollgate's echo backend on ws://127.0.0.1:PORT/echo, the direct baseline.")
    static final class Echo implements Callable<Integer> {

        @Option(names = {"-p", "--port"}, defaultValue = "7070", description = "ws port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--for", defaultValue = "1h", description = "Stop after this long (default: "
                + "${DEFAULT-VALUE}).")
        Duration lifetime;

        @Override
        public Integer call() throws Exception {
            try (EchoServer echo = EchoServer.start(EchoServer.Config.defaults().wsPort(port))) {
                System.out.println("echo listening on " + echo.wsUrl() + " (epoll: " + WsClient.epoll() + ")");
                System.out.flush();
                TimeUnit.NANOSECONDS.sleep(lifetime.toNanos());
            }
            return 0;
        }
    }

    /** "500ms", "10s", "2m", "1h", or a plain number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            String v = value.trim();
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                char unit = v.charAt(v.length() - 1);
                if (Character.isDigit(unit)) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
                }
                double amount = Double.parseDouble(v.substring(0, v.length() - 1));
                long seconds = switch (unit) {
                    case 's' -> 1;
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    default -> throw new CommandLine.TypeConversionException("duration: \"" + value
                            + "\" (expected: e.g. 500ms, 10s, 2m, 1h)");
                };
                return Duration.ofMillis(Math.round(amount * seconds * 1000));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new CommandLine.TypeConversionException("duration: \"" + value
                        + "\" (expected: e.g. 500ms, 10s, 2m, 1h)");
            }
        }
    }
}
