package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.gateway.throttle.ThrottlingMode;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.QuotaAction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throttling counters shared through the Redis at 127.0.0.1:6379, which must be running: these tests fail, never
 * skip, without it. Each run uses fresh subscription ids, so counters left in Redis by earlier runs do not matter.
 */
@ExtendWith(NoLeaks.class)
class SharedThrottlingTest {

    private static final URI REDIS = URI.create("redis://127.0.0.1:6379");
    private static final int QUOTA = 2000;
    private static final int MESSAGES_PER_CLIENT = 1300;

    @Test
    void twoGatewaysServingOneSubscriptionEnforceOneQuotaWithinOnePercent() {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        try (GatewayHarness harness = new GatewayHarness(config -> config.sharedThrottling(REDIS)
                .meterRegistry(first))) {
            String id = "redis-" + UUID.randomUUID();
            harness.world.plan(ThrottlingTest.plan("Shared2000", QUOTA, Duration.ofHours(1), QuotaAction.DROP_FRAME));
            harness.world.subscribed(api(id, "/" + id, "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()),
                    "Shared2000");
            harness.publish();
            try (Gateway other = Gateway.start(GatewayConfig.builder().bindHost("127.0.0.1").wsPort(0)
                    .sharedThrottling(REDIS).meterRegistry(second).build(), harness.world.snapshot())) {
                assertThat(harness.gateway.throttlingMode()).isEqualTo(ThrottlingMode.SHARED);
                assertThat(other.throttlingMode()).isEqualTo(ThrottlingMode.SHARED);
                String path = "/" + id + "/1.0";
                RecordingWebSocket viaFirst = harness.connect(path);
                RecordingWebSocket viaSecond = RecordingWebSocket.connect(
                        URI.create("ws://127.0.0.1:" + other.wsPort() + path),
                        GatewayHarness.bearer(harness.tokens.token(TestWorld.CLIENT)), null);

                // Each message gets one answer: its echo, or the notice when it or its echo was throttled.
                for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                    viaFirst.sendText("a" + i);
                    viaSecond.sendText("b" + i);
                }
                int notices = 0;
                for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                    notices += ThrottlingTest.NOTICE.equals(viaFirst.nextText()) ? 1 : 0;
                    notices += ThrottlingTest.NOTICE.equals(viaSecond.nextText()) ? 1 : 0;
                }

                double passedFirst = relayedFrames(first);
                double passedSecond = relayedFrames(second);
                assertThat(notices).isPositive();
                assertThat(passedFirst).as("events passed by the first gateway").isPositive();
                assertThat(passedSecond).as("events passed by the second gateway").isPositive();
                assertThat(passedFirst + passedSecond).as("events passed by both gateways")
                        .isBetween(QUOTA * 0.99, QUOTA * 1.01);
                viaFirst.abort();
                viaSecond.abort();
            }
        }
    }

    @Test
    void anUnreachableRedisLeavesTheGatewayOnLocalLimitsAndSaysSo() {
        URI nobody = URI.create("redis://127.0.0.1:" + freePort());
        try (GatewayHarness harness = new GatewayHarness(config -> config.sharedThrottling(nobody))) {
            assertThat(harness.gateway.throttlingMode()).isEqualTo(ThrottlingMode.LOCAL_FALLBACK);
            harness.world.plan(ThrottlingTest.plan("LocalFour", 4, Duration.ofMinutes(1), QuotaAction.DROP_FRAME));
            harness.world.subscribed(api("down", "/down", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()),
                    "LocalFour");
            harness.publish();
            RecordingWebSocket client = harness.connect("/down/1.0");
            client.sendText("1");
            assertThat(client.nextText()).isEqualTo("1");
            client.sendText("2");
            assertThat(client.nextText()).isEqualTo("2");
            client.sendText("3");
            assertThat(client.nextText()).isEqualTo(ThrottlingTest.NOTICE);
            client.abort();
        }
    }

    @Test
    void withoutRedisTheGatewayCountsLocally() {
        try (GatewayHarness harness = new GatewayHarness()) {
            assertThat(harness.gateway.throttlingMode()).isEqualTo(ThrottlingMode.LOCAL);
        }
    }

    private static double relayedFrames(SimpleMeterRegistry registry) {
        return registry.find("tollgate.frames").functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    /** A port that refuses connections for the rest of the test run (see {@link StubBackends#refusing()}). */
    private static int freePort() {
        return StubBackends.refusing().getPort();
    }
}
