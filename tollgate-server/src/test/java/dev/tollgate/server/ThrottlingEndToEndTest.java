package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.server.runtime.SampleBackend;
import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.TestServer;
import dev.tollgate.server.support.Tutorial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A business plan made through the admin REST API is enforced on WebSocket frames. The server is given a Redis URL
 * nobody listens on, so it also shows that the gateway keeps enforcing plans locally and that the health endpoint
 * says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrottlingEndToEndTest {

    private static final String NOTICE = "Error code: 4008 reason: Websocket frame throttled out";
    private static final int ECHOES = 3;

    private TestServer server;
    private Rest admin;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir, "tollgate.gateway.redis-url=redis://127.0.0.1:" + freePort());
        admin = server.rest("admin", "admin");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aSubscriberSeesExactlyNEchoesThenWso2sNotice() {
        // Each echo is two events (the frame to the backend and its echo), so a plan of 2N events gives N echoes.
        Rest.Response plan = admin.post("/api/am/admin/v4/throttling/policies/subscription", Map.of(
                "policyName", "SixEvents", "description", "Six events a minute",
                "defaultLimit", Map.of("type", "EVENTCOUNTLIMIT",
                        "eventCount", Map.of("timeUnit", "min", "unitTime", 1, "eventCount", 2 * ECHOES))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        String echo = server.bean(SampleBackend.class).wsUrl().orElseThrow();
        String apiId = Tutorial.createApi(admin, "Throttled", "/throttled", "1.0", echo, List.of("SixEvents"));
        Tutorial.publish(admin, apiId);
        String applicationId = Tutorial.createApplication(admin, "ThrottledApp");
        Tutorial.subscribe(admin, applicationId, apiId, "SixEvents");
        Tutorial.Result keys = Tutorial.keysAndToken(admin, apiId, applicationId);

        RecordingWebSocket client = RecordingWebSocket.connect(URI.create(server.gatewayUrls().ws("/throttled/1.0")),
                Map.of("Authorization", "Bearer " + keys.accessToken()), null);
        for (int i = 1; i <= ECHOES; i++) {
            client.sendText("message " + i);
            assertThat(client.nextText()).isEqualTo("message " + i);
        }
        client.sendText("one too many");
        assertThat(client.nextText()).isEqualTo(NOTICE);
        client.sendClose(1000, "");
        client.awaitClose();
    }

    @Test
    void theHealthEndpointSaysTheGatewayCountsLocallyWhileRedisIsUnreachable() {
        Rest.Response health = admin.get("/actuator/health");
        assertThat(health.json().path("components").path("throttling").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("throttling").path("details").path("mode").asString())
                .as(health.body()).isEqualTo("local-fallback");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
