package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.QuotaAction;
import dev.tollgate.model.QuotaType;
import dev.tollgate.model.RuntimeApi;
import dev.tollgate.model.ThrottlePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-frame throttling on one gateway. Every data frame counts in both directions, so a message echoed by the
 * backend costs two events: with a plan of N events, N/2 echoes pass.
 */
@ExtendWith(NoLeaks.class)
class ThrottlingTest {

    static final String NOTICE = "Error code: 4008 reason: Websocket frame throttled out";
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(config -> config.meterRegistry(REGISTRY));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static ThrottlePolicy plan(String name, long events, Duration window, QuotaAction action) {
        return new ThrottlePolicy(name, name, "test plan", QuotaType.EVENT_COUNT, events, window, 0, Duration.ZERO,
                action, true);
    }

    /** Publishes API {@code id} at {@code /<id>/1.0} with the test application subscribed under {@code plan}. */
    private static String publish(String id, ThrottlePolicy plan, URI backend) {
        harness.world.plan(plan);
        harness.world.subscribed(api(id, "/" + id, "1.0", LifecycleState.PUBLISHED, backend), plan.name());
        harness.publish();
        return "/" + id + "/1.0";
    }

    private static String publish(String id, ThrottlePolicy plan) {
        return publish(id, plan, harness.echo.wsUrl());
    }

    private static double count(String name, String api, String direction) {
        return GatewayMetricsTest.count(REGISTRY.find(name).tag("api", api).tag("direction", direction).meters());
    }

    @Test
    void exactlyNClientFramesPassThenTheSenderGetsWso2sNotice() {
        RecordingWebSocket client = harness.connect(publish("eight", plan("Eight", 8, Duration.ofMinutes(1),
                QuotaAction.DROP_FRAME)));
        client.sendText("one");
        assertThat(client.nextText()).isEqualTo("one");
        // Three frames of one message count three events each way: 2 + 6 events so far.
        client.sendTextFragments("a", "b", "c");
        assertThat(client.nextText()).isEqualTo("abc");
        // Control frames never count.
        client.sendPing("p".getBytes(StandardCharsets.UTF_8));
        assertThat(StandardCharsets.UTF_8.decode(client.nextPong()).toString()).isEqualTo("p");

        client.sendText("ninth event");
        assertThat(client.nextText()).isEqualTo(NOTICE);
        client.sendBinary(new byte[] {1});
        assertThat(client.nextText()).isEqualTo(NOTICE);
        // The relay's own meter counts the ping too: "one", three fragments and the ping reached the backend.
        assertThat(count("tollgate.frames", "Api-eight:1.0", "upstream")).isEqualTo(5);
        assertThat(count("tollgate.gateway.throttled", "Api-eight:1.0", "upstream")).isEqualTo(2);
        assertThat(REGISTRY.get("tollgate.gateway.throttled").tag("plan", "Eight").tag("action", "dropped")
                .counters()).isNotEmpty();
        client.sendClose(CloseCodes.NORMAL, "");
        client.awaitClose();
    }

    @Test
    void exactlyNBackendFramesPassThenTheClientIsTold() {
        RecordingWebSocket client = harness.connect(publish("five", plan("Five", 5, Duration.ofMinutes(1),
                QuotaAction.DROP_FRAME)));
        client.sendText("1");
        assertThat(client.nextText()).isEqualTo("1");
        client.sendText("2");
        assertThat(client.nextText()).isEqualTo("2");
        // The fifth event is this frame to the backend; its echo is the sixth, dropped, and the client is told.
        client.sendText("3");
        assertThat(client.nextText()).isEqualTo(NOTICE);
        assertThat(count("tollgate.frames", "Api-five:1.0", "upstream")).isEqualTo(3);
        assertThat(count("tollgate.frames", "Api-five:1.0", "downstream")).isEqualTo(2);
        assertThat(count("tollgate.gateway.throttled", "Api-five:1.0", "downstream")).isEqualTo(1);
        closeNormally(client);
    }

    @Test
    void theQuotaReturnsAfterTheWindow() throws InterruptedException {
        RecordingWebSocket client = harness.connect(publish("refill", plan("TwoPer2s", 2, Duration.ofSeconds(2),
                QuotaAction.DROP_FRAME)));
        client.sendText("1");
        assertThat(client.nextText()).isEqualTo("1");
        client.sendText("2");
        assertThat(client.nextText()).isEqualTo(NOTICE);
        Thread.sleep(2_200);
        client.sendText("3");
        assertThat(client.nextText()).isEqualTo("3");
        client.sendText("4");
        assertThat(client.nextText()).isEqualTo(NOTICE);
        closeNormally(client);
    }

    @Test
    void connectionsOfOneSubscriptionShareOneQuota() {
        String path = publish("shared", plan("Four", 4, Duration.ofMinutes(1), QuotaAction.DROP_FRAME));
        RecordingWebSocket first = harness.connect(path);
        RecordingWebSocket second = harness.connect(path);
        first.sendText("a");
        assertThat(first.nextText()).isEqualTo("a");
        second.sendText("b");
        assertThat(second.nextText()).isEqualTo("b");
        first.sendText("c");
        assertThat(first.nextText()).isEqualTo(NOTICE);
        second.sendText("d");
        assertThat(second.nextText()).isEqualTo(NOTICE);
        closeNormally(first);
        closeNormally(second);
    }

    @Test
    void aClosingPlanClosesBothLegsWith4008() throws InterruptedException {
        try (CloseRecordingBackend backend = new CloseRecordingBackend()) {
            RecordingWebSocket client = harness.connect(publish("closing", plan("TwoThenClose", 2,
                    Duration.ofMinutes(1), QuotaAction.CLOSE_CONNECTION), backend.url()));
            client.sendText("1");
            assertThat(client.nextText()).isEqualTo("1");
            client.sendText("2");
            RecordingWebSocket.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(CloseCodes.THROTTLED);
            assertThat(close.reason()).isEqualTo("Websocket frame throttled out");
            CloseRecordingBackend.RecordedClose backendClose = backend.nextClose();
            assertThat(backendClose.code()).isEqualTo(CloseCodes.THROTTLED);
            assertThat(backendClose.reason()).isEqualTo("Websocket frame throttled out");
        }
    }

    @Test
    void aSpentQuotaRefusesTheHandshakeWith429AndRetryAfter() {
        String path = publish("spent", plan("TwoPerMinute", 2, Duration.ofMinutes(1), QuotaAction.DROP_FRAME));
        RecordingWebSocket client = harness.connect(path);
        client.sendText("1");
        assertThat(client.nextText()).isEqualTo("1");
        closeNormally(client);

        RawHttp.Response refused = RawHttp.upgrade(harness.gateway.wsPort(), path,
                "Authorization: Bearer " + harness.tokens.token(TestWorld.CLIENT));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.body()).contains("\"code\":429").contains("subscription quota of plan TwoPerMinute");
        assertThat(refused.header("Upgrade")).isNull();
    }

    @Test
    void unlimitedPlansAreNotCounted() {
        harness.world.subscribed(api("free", "/free", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        RecordingWebSocket client = harness.connect("/free/1.0");
        for (int i = 0; i < 300; i++) {
            client.sendText("m" + i);
            assertThat(client.nextText()).isEqualTo("m" + i);
        }
        assertThat(REGISTRY.find("tollgate.gateway.throttled").tag("api", "Api-free:1.0").counters()).isEmpty();
        closeNormally(client);
    }

    @Test
    void aPlanChangeAppliesToTheNextFrameOfLiveConnections() {
        RecordingWebSocket client = harness.connect(publish("live", plan("Live", 1000, Duration.ofMinutes(1),
                QuotaAction.DROP_FRAME)));
        client.sendText("1");
        assertThat(client.nextText()).isEqualTo("1");

        // 998 events left; a lowered plan caps what is left at its capacity of 3.
        harness.world.plan(plan("Live", 3, Duration.ofMinutes(1), QuotaAction.DROP_FRAME));
        harness.publish();
        client.sendText("2");
        assertThat(client.nextText()).isEqualTo("2");
        client.sendText("3");
        assertThat(client.nextText()).isEqualTo(NOTICE);
        assertThat(count("tollgate.gateway.throttled", "Api-live:1.0", "downstream")).isEqualTo(1);
        closeNormally(client);
    }

    @Test
    void aConnectionAdmittedUnderUnlimitedPlansIsCountedOnceAPlanIsLimited() {
        harness.world.plan(new ThrottlePolicy("Promo", "Promo", "free for now", QuotaType.UNLIMITED, 0,
                Duration.ofMinutes(1), true));
        harness.world.subscribed(api("promo", "/promo", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()),
                "Promo");
        harness.publish();
        RecordingWebSocket client = harness.connect("/promo/1.0");
        client.sendText("free");
        assertThat(client.nextText()).isEqualTo("free");

        harness.world.plan(plan("Promo", 2, Duration.ofMinutes(1), QuotaAction.DROP_FRAME));
        harness.publish();
        client.sendText("counted");
        assertThat(client.nextText()).isEqualTo("counted");
        client.sendText("over");
        assertThat(client.nextText()).isEqualTo(NOTICE);
        closeNormally(client);
    }

    @Test
    void anApiLevelPlanCountsEveryConnectionOfTheApi() {
        harness.world.apiPolicies.add(plan("ApiFour", 4, Duration.ofMinutes(1), QuotaAction.DROP_FRAME));
        RuntimeApi plain = api("apilevel", "/apilevel", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl());
        harness.world.subscribed(new RuntimeApi(plain.id(), plain.name(), plain.context(), plain.version(),
                plain.state(), plain.endpoint(), List.of("Unlimited"), "ApiFour"));
        harness.publish();
        RecordingWebSocket first = harness.connect("/apilevel/1.0");
        RecordingWebSocket second = harness.connect("/apilevel/1.0");
        first.sendText("a");
        assertThat(first.nextText()).isEqualTo("a");
        second.sendText("b");
        assertThat(second.nextText()).isEqualTo("b");
        second.sendText("c");
        assertThat(second.nextText()).isEqualTo(NOTICE);
        closeNormally(first);
        closeNormally(second);
    }

    private static void closeNormally(RecordingWebSocket client) {
        client.sendClose(CloseCodes.NORMAL, "");
        assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.NORMAL);
    }
}
