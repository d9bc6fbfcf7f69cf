package dev.tollgate.bench.client;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in nanoseconds, given in microseconds. */
public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Latency of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latency(nanos.getTotalCount(),
                micros(nanos.getValueAtPercentile(50)),
                micros(nanos.getValueAtPercentile(90)),
                micros(nanos.getValueAtPercentile(99)),
                micros(nanos.getValueAtPercentile(99.9)),
                micros(nanos.getMaxValue()),
                nanos.getMean() / 1_000.0);
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
