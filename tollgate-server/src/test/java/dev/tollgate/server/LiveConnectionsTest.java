package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.server.runtime.SampleBackend;
import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.TestServer;
import dev.tollgate.server.support.Tutorial;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Live connections follow their credentials: revoking a token (JWT or opaque, which the gateway introspects),
 * regenerating the secret, deleting the application, blocking the subscription or letting the token expire closes the
 * connection with 4001 within a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveConnectionsTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    private TestServer server;
    private Rest admin;
    private String apiId;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        admin = server.rest("admin", "admin");
        String echo = server.bean(SampleBackend.class).wsUrl().orElseThrow();
        apiId = Tutorial.createApi(admin, "Live", "/live", "1.0", echo, List.of("Gold"));
        Tutorial.publish(admin, apiId);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void revokingTheTokenClosesItsConnection() {
        Tutorial.Result keys = subscribedApplication("Revoked");
        RecordingWebSocket socket = connected(keys.accessToken());
        server.anonymous().postForm("/oauth2/revoke", keys.consumerKey(), keys.consumerSecret(),
                Map.of("token", keys.accessToken()));
        assertClosedFor(socket, "revoked");
    }

    @Test
    void anOpaqueTokenIsIntrospectedByTheGatewayAndRevokingItClosesItsConnection() {
        Rest.Response app = admin.post("/api/am/devportal/v3/applications",
                Map.of("name", "Opaque", "throttlingPolicy", "Unlimited", "tokenType", "OAUTH"));
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        Tutorial.subscribe(admin, app.text("applicationId"), apiId, "Gold");
        Tutorial.Result keys = Tutorial.keysAndToken(admin, apiId, app.text("applicationId"));
        assertThat(keys.accessToken()).doesNotContain(".");
        RecordingWebSocket socket = connected(keys.accessToken());
        server.anonymous().postForm("/oauth2/revoke", keys.consumerKey(), keys.consumerSecret(),
                Map.of("token", keys.accessToken()));
        assertClosedFor(socket, "revoked");
        assertThatThrownBy(() -> connected(keys.accessToken()))
                .hasStackTraceContaining("WebSocketHandshakeException")
                .hasStackTraceContaining("status code 401");
    }

    @Test
    void regeneratingTheSecretClosesConnectionsOfTheOldTokens() {
        Tutorial.Result keys = subscribedApplication("Rotated");
        RecordingWebSocket socket = connected(keys.accessToken());
        admin.post("/api/am/devportal/v3/applications/" + keys.applicationId() + "/oauth-keys/"
                + keys.keyMappingId() + "/regenerate-secret", "");
        assertClosedFor(socket, "");
    }

    @Test
    void deletingTheApplicationClosesItsConnections() {
        Tutorial.Result keys = subscribedApplication("Deleted");
        RecordingWebSocket socket = connected(keys.accessToken());
        assertThat(admin.delete("/api/am/devportal/v3/applications/" + keys.applicationId()).status()).isEqualTo(200);
        assertClosedFor(socket, "");
    }

    @Test
    void blockingTheSubscriptionClosesItsConnectionsAndUnblockingLetsThemBackIn() {
        Tutorial.Result keys = subscribedApplication("Blocked");
        RecordingWebSocket socket = connected(keys.accessToken());
        String subscriptionId = admin.get("/api/am/devportal/v3/subscriptions?applicationId="
                + keys.applicationId()).json().path("list").get(0).path("subscriptionId").asString();
        admin.post("/api/am/publisher/v4/subscriptions/block-subscription?subscriptionId=" + subscriptionId
                + "&blockState=BLOCKED", "");
        assertClosedFor(socket, "");
        admin.post("/api/am/publisher/v4/subscriptions/unblock-subscription?subscriptionId=" + subscriptionId, "");
        connected(keys.accessToken()).sendClose(1000, "done");
    }

    @Test
    void aTokenThatExpiresClosesItsConnection() {
        Tutorial.Result keys = subscribedApplication("Expiring");
        Rest.Response shortLived = admin.post("/api/am/devportal/v3/applications/" + keys.applicationId()
                + "/oauth-keys/" + keys.keyMappingId() + "/generate-token",
                Map.of("consumerSecret", keys.consumerSecret(), "validityPeriod", 5));
        RecordingWebSocket socket = connected(shortLived.text("accessToken"));
        RecordingWebSocket.Close close = socket.awaitClose(Duration.ofSeconds(10));
        assertThat(close.code()).isEqualTo(4001);
        assertThat(close.reason()).containsIgnoringCase("expired");
    }

    @Test
    void otherConnectionsStayOpenThroughAllOfIt() {
        Tutorial.Result keys = subscribedApplication("Bystander");
        RecordingWebSocket bystander = connected(keys.accessToken());
        Tutorial.Result doomed = subscribedApplication("Doomed");
        RecordingWebSocket victim = connected(doomed.accessToken());
        admin.delete("/api/am/devportal/v3/applications/" + doomed.applicationId());
        assertClosedFor(victim, "");
        bystander.sendText("still here");
        assertThat(bystander.nextText()).isEqualTo("still here");
    }

    @Test
    void prometheusShowsTheGatewaysConnectionsFramesAndHandshakes() {
        Tutorial.Result keys = subscribedApplication("Measured");
        RecordingWebSocket socket = connected(keys.accessToken());
        String metrics = admin.get("/actuator/prometheus").body();
        assertThat(metrics).contains("tollgate_connections_open{api=\"Live:1.0\"")
                .contains("tollgate_handshakes_total{outcome=\"accepted\"")
                .contains("tollgate_backend_connect_seconds_count");
        assertThat(metrics.lines().filter(line -> line.startsWith("tollgate_frames_total")
                && line.contains("application=\"admin/Measured\"") && line.contains("direction=\"upstream\"")))
                .hasSize(1);
        assertThat(metrics).doesNotContain(keys.accessToken());
        assertThat(server.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        socket.sendClose(1000, "done");
    }

    @Test
    void prometheusCountsLogEventsWithoutATurboFilterOnTheLevelChecks() {
        double before = warnEvents();
        LoggerFactory.getLogger("dev.tollgate.test").warn("counted by logback.events");
        assertThat(warnEvents()).isGreaterThanOrEqualTo(before + 1);
        // Micrometer's LogbackMetrics would add one; logback consults it on every level check of the event loops.
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).isEmpty();
    }

    @Test
    void nettyLogsThroughJavaUtilLoggingReachLogbackWithLogbacksLevels() {
        // TollgateApplication.main gives Netty JUL loggers (a cheap level check per io_uring submission); Spring
        // Boot's bridge and level propagation must carry their events and levels to and from logback.
        InternalLoggerFactory tests = InternalLoggerFactory.getDefaultFactory();
        InternalLogger netty;
        try {
            InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
            netty = InternalLoggerFactory.getInstance("io.netty.tollgate.test");
        } finally {
            InternalLoggerFactory.setDefaultFactory(tests);
        }
        ch.qos.logback.classic.Logger logback = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                "io.netty.tollgate.test");
        double before = warnEvents();

        netty.warn("a Netty warning");

        assertThat(warnEvents()).isGreaterThanOrEqualTo(before + 1);
        assertThat(netty.isTraceEnabled()).isFalse();
        try {
            logback.setLevel(Level.TRACE);
            assertThat(netty.isTraceEnabled()).isTrue();
        } finally {
            logback.setLevel(null);
        }
        assertThat(netty.isTraceEnabled()).isFalse();
    }

    private double warnEvents() {
        return admin.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("logback_events_total{level=\"warn\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    private Tutorial.Result subscribedApplication(String name) {
        String appId = Tutorial.createApplication(admin, name);
        Tutorial.subscribe(admin, appId, apiId, "Gold");
        return Tutorial.keysAndToken(admin, apiId, appId);
    }

    private RecordingWebSocket connected(String token) {
        RecordingWebSocket socket = RecordingWebSocket.connect(
                URI.create(server.gatewayUrls().ws("/live/1.0")), Map.of("Authorization", "Bearer " + token), null);
        socket.sendText("hello");
        assertThat(socket.nextText()).isEqualTo("hello");
        return socket;
    }

    private static void assertClosedFor(RecordingWebSocket socket, String reasonPart) {
        RecordingWebSocket.Close close = socket.awaitClose(WITHIN);
        assertThat(close.code()).isEqualTo(4001);
        assertThat(close.reason()).containsIgnoringCase(reasonPart);
    }
}
