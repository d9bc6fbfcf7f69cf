package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.LifecycleState;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the gateway reports to a Micrometer registry. */
@ExtendWith(NoLeaks.class)
class GatewayMetricsTest {

    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(config -> config.meterRegistry(REGISTRY));
        harness.world.subscribed(api("m", "/metered", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static double count(String name, String... tags) {
        return count(REGISTRY.get(name).tags(tags).meters());
    }

    /** The sum of what these counters counted, plain or function counters alike. */
    static double count(Collection<Meter> meters) {
        return meters.stream().flatMap(meter -> StreamSupport.stream(meter.measure().spliterator(), false))
                .filter(measurement -> measurement.getStatistic() == Statistic.COUNT)
                .mapToDouble(Measurement::getValue).sum();
    }

    @Test
    void countsHandshakesFramesBytesConnectionsAndCloses() {
        RawHttp.upgrade(harness.gateway.wsPort(), "/metered/1.0");
        assertThat(count("tollgate.handshakes", "outcome", "unauthorized")).isEqualTo(1);

        RecordingWebSocket client = harness.connect("/metered/1.0");
        client.sendText("12345");
        client.nextText();
        client.sendBinary(new byte[10]);
        client.nextBinary();
        assertThat(count("tollgate.handshakes", "outcome", "accepted")).isEqualTo(1);
        assertThat(REGISTRY.get("tollgate.connections.open").tag("api", "Api-m:1.0").gauge().value()).isEqualTo(1);
        assertThat(count("tollgate.frames", "api", "Api-m:1.0", "direction", "upstream")).isEqualTo(2);
        assertThat(count("tollgate.frames", "api", "Api-m:1.0", "direction", "downstream")).isEqualTo(2);
        assertThat(count("tollgate.bytes", "api", "Api-m:1.0", "direction", "upstream")).isEqualTo(15);
        assertThat(REGISTRY.get("tollgate.backend.connect").tag("result", "success").timer().count()).isEqualTo(1);

        client.sendClose(CloseCodes.NORMAL, "done");
        client.awaitClose();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(REGISTRY.get("tollgate.connections.open").tag("api", "Api-m:1.0").gauge().value()).isZero();
            assertThat(count("tollgate.closes", "code", "1000")).isEqualTo(1);
        });
    }
}
