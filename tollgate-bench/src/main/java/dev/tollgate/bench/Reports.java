package dev.tollgate.bench;

import dev.tollgate.bench.client.HandshakeResult;
import dev.tollgate.bench.client.HandshakeSettings;
import dev.tollgate.bench.client.Latency;
import dev.tollgate.bench.client.LoadResult;
import dev.tollgate.bench.client.LoadSettings;
import dev.tollgate.bench.client.ProcessUsage;
import dev.tollgate.bench.client.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns run results into the report: the same fields as readable text and as JSON. Latencies in microseconds. */
final class Reports {

    private Reports() {
    }

    static Map<String, Object> load(String mode, LoadResult result) {
        LoadSettings s = result.settings();
        Map<String, Object> report = run(mode, s.target(), s.warmup(), result.measuredSeconds(), s.threads());
        report.put("connections", s.connections());
        report.put("messageSize", s.messageSize());
        report.put("ratePerConnection", s.ratePerConnection());
        report.put("connectionsOpened", result.connectionsOpened());
        report.put("connectsPerSecond", result.connectsPerSecond());
        report.put("messages", result.messages());
        report.put("messagesPerSecond", result.messagesPerSecond());
        outcome(report, result.latency(), result.errors());
        usage(report, s.cpuPids(), result.targetUsage(), result.messages(), "Message");
        report.put("clientLoopLagMicros", latency(result.clientLoopLag()));
        report.put("worstRoundTripMillisBySecond", result.worstRoundTripMillisBySecond());
        if (s.rssPid() > 0) {
            report.put("pid", s.rssPid());
            report.put("rssBeforeKib", result.rssBeforeKib());
            report.put("rssAfterKib", result.rssAfterKib());
            report.put("rssPerConnectionKib", result.rssPerConnectionKib());
        }
        if (s.liveHeap()) {
            report.put("liveHeapOpenKib", result.liveHeapOpenKib());
            report.put("liveHeapClosedKib", result.liveHeapClosedKib());
            report.put("liveHeapPerConnectionKib", result.liveHeapPerConnectionKib());
        }
        return report;
    }

    static Map<String, Object> handshakes(HandshakeResult result) {
        HandshakeSettings s = result.settings();
        Map<String, Object> report = run("handshakes", s.target(), s.warmup(), result.measuredSeconds(), s.threads());
        report.put("workers", s.workers());
        report.put("handshakes", result.handshakes());
        report.put("handshakesPerSecond", result.handshakesPerSecond());
        outcome(report, result.latency(), result.errors());
        usage(report, s.cpuPids(), result.targetUsage(), result.handshakes(), "Handshake");
        return report;
    }

    /**
     * The watched processes' CPU time and scheduling in the measured window, in all and per operation ({@code
     * operation} names it in the field names: targetCpuMicrosPerMessage, targetWakeupsPerMessage, ...).
     */
    private static void usage(Map<String, Object> report, List<Long> pids, ProcessUsage.Usage usage, long operations,
            String operation) {
        if (pids.isEmpty() || !usage.measured()) {
            return;
        }
        report.put("cpuPids", pids);
        report.put("targetCpuSeconds", usage.cpuSeconds());
        report.put("targetCpuMicrosPer" + operation, per(usage.cpuSeconds() * 1e6, operations));
        report.put("targetWakeupsPer" + operation, per(usage.wakeups(), operations));
        report.put("targetPreemptionsPer" + operation, per(usage.preemptions(), operations));
        report.put("targetRunQueueWaitMicrosPer" + operation, per(usage.runQueueWaitSeconds() * 1e6, operations));
        report.put("targetCpuMicrosPerWakeup", per(usage.cpuSeconds() * 1e6, usage.wakeups()));
    }

    private static Double per(double amount, long count) {
        return count <= 0 ? null : amount / count;
    }

    private static Map<String, Object> run(String mode, Target target, Duration warmup, double measuredSeconds,
            int threads) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", mode);
        report.put("url", target.uri().toString());
        report.put("warmupSeconds", warmup.toMillis() / 1000.0);
        report.put("measuredSeconds", measuredSeconds);
        report.put("threads", threads);
        return report;
    }

    private static void outcome(Map<String, Object> report, Latency latency, Map<String, Long> errors) {
        report.put("latencyMicros", latency(latency));
        report.put("errorCount", errors.values().stream().mapToLong(Long::longValue).sum());
        report.put("errors", new LinkedHashMap<>(errors));
    }

    private static Map<String, Object> latency(Latency latency) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", latency.count());
        map.put("p50", latency.p50());
        map.put("p90", latency.p90());
        map.put("p99", latency.p99());
        map.put("p99.9", latency.p999());
        map.put("max", latency.max());
        map.put("mean", latency.mean());
        return map;
    }

    /** One "name  value" line per field, nested maps indented. */
    static String text(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        text(report, out, "");
        return out.toString();
    }

    private static void text(Map<?, ?> map, StringBuilder out, String indent) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                out.append(indent).append(key).append(nested.isEmpty() ? "  none" : "").append('\n');
                text(nested, out, indent + "  ");
            } else {
                String shown = value instanceof Double d ? String.format(Locale.ROOT, "%,.1f", d) : String.valueOf(value);
                out.append(String.format(Locale.ROOT, "%s%-" + Math.max(1, 22 - indent.length()) + "s %s%n",
                        indent, key, shown));
            }
        });
    }
}
