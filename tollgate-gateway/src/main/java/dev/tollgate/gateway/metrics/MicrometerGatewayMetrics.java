package dev.tollgate.gateway.metrics;

import dev.tollgate.model.RuntimeApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes the gateway's metrics to Micrometer:
 * {@code tollgate.connections.open} (gauge, tag {@code api} = {@code name:version}),
 * {@code tollgate.handshakes} (tag {@code outcome}), {@code tollgate.frames} and {@code tollgate.bytes} (tags
 * {@code api}, {@code application} = {@code owner/name}, {@code direction} = {@code upstream} or {@code downstream}), {@code tollgate.closes} (tag
 * {@code code}) and {@code tollgate.backend.connect} (timer, tag {@code result}).
 */
final class MicrometerGatewayMetrics implements GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<HandshakeOutcome, Counter> handshakes = new EnumMap<>(HandshakeOutcome.class);
    private final Map<String, ApiMeters> apis = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Timer connectSuccess;
    private final Timer connectFailure;

    MicrometerGatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (HandshakeOutcome outcome : HandshakeOutcome.values()) {
            handshakes.put(outcome, Counter.builder("tollgate.handshakes")
                    .description("WebSocket handshakes by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
        connectSuccess = connectTimer("success");
        connectFailure = connectTimer("failure");
    }

    private Timer connectTimer(String result) {
        return Timer.builder("tollgate.backend.connect")
                .description("Time to connect to a backend and complete its WebSocket handshake")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void handshake(HandshakeOutcome outcome) {
        handshakes.get(outcome).increment();
    }

    @Override
    public ApiMeters api(RuntimeApi api) {
        String label = api.name() + ':' + api.version();
        // Keyed by the tag value: two meters with one tag would share Micrometer's gauge anyway.
        return apis.computeIfAbsent(label, MicrometerApiMeters::new);
    }

    @Override
    public void connectionClosed(int code) {
        closes.computeIfAbsent(code, key -> Counter.builder("tollgate.closes")
                .description("Relayed connections ended, by the first close code seen")
                .tag("code", key < 0 ? "none" : Integer.toString(key))
                .register(registry)).increment();
    }

    @Override
    public void backendConnect(Duration latency, boolean success) {
        (success ? connectSuccess : connectFailure).record(latency);
    }

    /** The open-connections gauge of one API; frames and bytes are counted by its {@link ApplicationMeters}. */
    private final class MicrometerApiMeters implements ApiMeters {

        private final String label;
        private final AtomicInteger open = new AtomicInteger();
        private final Map<String, ApplicationMeters> applications = new ConcurrentHashMap<>();

        MicrometerApiMeters(String label) {
            this.label = label;
            Gauge.builder("tollgate.connections.open", open, AtomicInteger::get)
                    .description("Relayed connections currently open")
                    .tag("api", label)
                    .register(registry);
        }

        @Override
        public ApiMeters forApplication(String application) {
            return applications.computeIfAbsent(application, name -> new ApplicationMeters(this, name));
        }

        @Override
        public void connectionOpened() {
            open.incrementAndGet();
        }

        @Override
        public void connectionClosed() {
            open.decrementAndGet();
        }

        @Override
        public void clientToBackend(int frames, long bytes) {
            forApplication("unknown").clientToBackend(frames, bytes);
        }

        @Override
        public void backendToClient(int frames, long bytes) {
            forApplication("unknown").backendToClient(frames, bytes);
        }
    }

    /**
     * Frames and bytes each way for one API and application. The relay adds to plain {@link LongAdder}s, which
     * Micrometer reads when it is scraped: cheaper on the hot path than its counters' own increments.
     */
    private final class ApplicationMeters implements ApiMeters {

        private final MicrometerApiMeters api;
        private final LongAdder upstreamFrames = new LongAdder();
        private final LongAdder downstreamFrames = new LongAdder();
        private final LongAdder upstreamBytes = new LongAdder();
        private final LongAdder downstreamBytes = new LongAdder();

        ApplicationMeters(MicrometerApiMeters api, String application) {
            this.api = api;
            counter("tollgate.frames", application, "upstream", upstreamFrames);
            counter("tollgate.frames", application, "downstream", downstreamFrames);
            counter("tollgate.bytes", application, "upstream", upstreamBytes);
            counter("tollgate.bytes", application, "downstream", downstreamBytes);
        }

        private void counter(String name, String application, String direction, LongAdder count) {
            FunctionCounter.builder(name, count, LongAdder::sum).tag("api", api.label)
                    .tag("application", application).tag("direction", direction).register(registry);
        }

        @Override
        public ApiMeters forApplication(String application) {
            return api.forApplication(application);
        }

        @Override
        public void connectionOpened() {
            api.connectionOpened();
        }

        @Override
        public void connectionClosed() {
            api.connectionClosed();
        }

        @Override
        public void clientToBackend(int frames, long bytes) {
            upstreamFrames.add(frames);
            upstreamBytes.add(bytes);
        }

        @Override
        public void backendToClient(int frames, long bytes) {
            downstreamFrames.add(frames);
            downstreamBytes.add(bytes);
        }
    }
}
