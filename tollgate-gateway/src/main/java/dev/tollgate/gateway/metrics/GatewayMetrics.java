package dev.tollgate.gateway.metrics;

import dev.tollgate.model.RuntimeApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** The gateway's measurements; {@link #none()} when no registry is configured. */
public interface GatewayMetrics {

    static GatewayMetrics none() {
        return NoMetrics.INSTANCE;
    }

    static GatewayMetrics micrometer(MeterRegistry registry) {
        return new MicrometerGatewayMetrics(registry);
    }

    void handshake(HandshakeOutcome outcome);

    /** The meters of an API, created on first use and cached by API id. */
    ApiMeters api(RuntimeApi api);

    /** A relayed connection ended; {@code code} is the first close code sent or received, -1 when there was none. */
    void connectionClosed(int code);

    /** How long connecting to a backend took, TCP and TLS and WebSocket handshake together, successful or not. */
    void backendConnect(Duration latency, boolean success);

    /** The do-nothing metrics. */
    enum NoMetrics implements GatewayMetrics {
        INSTANCE;

        @Override
        public void handshake(HandshakeOutcome outcome) {
        }

        @Override
        public ApiMeters api(RuntimeApi api) {
            return ApiMeters.NONE;
        }

        @Override
        public void connectionClosed(int code) {
        }

        @Override
        public void backendConnect(Duration latency, boolean success) {
        }
    }
}
