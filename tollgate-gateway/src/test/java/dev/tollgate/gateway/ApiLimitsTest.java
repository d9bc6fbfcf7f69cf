package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.Endpoint;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeApi;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Frame and message limits set per API, under the gateway's generous defaults: the sender of a frame or message over
 * the limit gets 1009, the other leg 1001.
 */
@ExtendWith(NoLeaks.class)
class ApiLimitsTest {

    private static final int API_FRAME = 1024;
    private static final int API_MESSAGE = 4096;
    private static GatewayHarness harness;
    private static CloseRecordingBackend backend;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness();
        backend = new CloseRecordingBackend();
        harness.world.subscribed(limited("frames", backend.url(), API_FRAME, 0));
        harness.world.subscribed(limited("messages", backend.url(), 0, API_MESSAGE));
        harness.world.subscribed(TestWorld.api("open", "/open", "1.0", LifecycleState.PUBLISHED,
                harness.echo.wsUrl()));
        harness.publish();
    }

    @AfterAll
    static void stop() {
        backend.close();
        harness.close();
    }

    @Test
    void aFrameOverTheApisLimitCloses1009ToTheClientAnd1001ToTheBackend() throws InterruptedException {
        RecordingWebSocket client = harness.connect("/frames/1.0");
        client.sendText("a".repeat(API_FRAME));
        assertThat(client.nextText()).hasSize(API_FRAME);
        client.sendText("a".repeat(API_FRAME + 1));
        assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        assertThat(backend.nextClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
    }

    @Test
    void aFragmentedMessageOverTheApisLimitCloses1009ToTheClientAnd1001ToTheBackend() throws InterruptedException {
        RecordingWebSocket client = harness.connect("/messages/1.0");
        // Binary: a text message cut short by a close trips the test backend's UTF-8 check before it sees the close.
        sendBinaryFragments(client, API_MESSAGE / 2, API_MESSAGE / 2);
        assertThat(client.nextBinary()).hasSize(API_MESSAGE);
        sendBinaryFragments(client, API_MESSAGE / 2, API_MESSAGE / 2, 1);
        RecordingWebSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        assertThat(close.reason()).isEqualTo("Message too big");
        assertThat(backend.nextClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
    }

    @Test
    void anApiWithoutLimitsPassesAOneMebibyteMessage() {
        RecordingWebSocket client = harness.connect("/open/1.0");
        String large = "x".repeat(1024 * 1024);
        client.sendTextFragments(large.substring(0, 300_000), large.substring(300_000));
        assertThat(client.nextText()).isEqualTo(large);
        GatewayHarness.echoesThenCloses(client, "still open");
    }

    private static void sendBinaryFragments(RecordingWebSocket client, int... sizes) {
        for (int i = 0; i < sizes.length; i++) {
            client.socket().sendBinary(ByteBuffer.wrap(new byte[sizes[i]]), i == sizes.length - 1)
                    .orTimeout(RecordingWebSocket.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
    }

    private static RuntimeApi limited(String id, URI backend, int maxFrameSize, int maxMessageSize) {
        return new RuntimeApi(id, "Api-" + id, "/" + id, "1.0", LifecycleState.PUBLISHED,
                new Endpoint(backend, EndpointSettings.DEFAULTS), List.of("Unlimited"), null,
                CorsConfiguration.DISABLED, maxFrameSize, maxMessageSize);
    }
}
