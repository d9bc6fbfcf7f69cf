package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** New snapshots take effect at once: new routes open, and live connections they no longer allow are closed. */
@ExtendWith(NoLeaks.class)
class SnapshotUpdateTest {

    private GatewayHarness harness;

    @BeforeEach
    void start() {
        harness = new GatewayHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private RecordingWebSocket connected(String path) {
        RecordingWebSocket client = harness.connect(path);
        client.sendText("ping " + path);
        assertThat(client.nextText()).isEqualTo("ping " + path);
        return client;
    }

    @Test
    void anApiPublishedLaterIsRoutableWithoutRestart() {
        assertThat(RawHttp.upgrade(harness.gateway.wsPort(), "/later/1.0").status()).isEqualTo(404);
        harness.world.subscribed(api("later", "/later", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        connected("/later/1.0").sendClose(CloseCodes.NORMAL, "");
    }

    @Test
    void blockingAnApiClosesItsConnectionsAndLeavesOthersOpen() {
        harness.world.subscribed(api("a", "/a", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.world.subscribed(api("b", "/b", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        RecordingWebSocket onA = connected("/a/1.0");
        RecordingWebSocket onB = connected("/b/1.0");

        harness.world.replace(api("a", "/a", "1.0", LifecycleState.BLOCKED, harness.echo.wsUrl()));
        harness.publish();

        RecordingWebSocket.Close close = onA.awaitClose();
        assertThat(close.code()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(close.reason()).isEqualTo("API blocked");
        onB.sendText("still open");
        assertThat(onB.nextText()).isEqualTo("still open");
        assertThat(onB.isClosed()).isFalse();
        assertThat(RawHttp.upgrade(harness.gateway.wsPort(), "/a/1.0").status()).isEqualTo(503);
        onB.sendClose(CloseCodes.NORMAL, "");
    }

    @Test
    void retiringAnApiClosesItsConnections() {
        harness.world.subscribed(api("r", "/r", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        RecordingWebSocket client = connected("/r/1.0");
        harness.world.replace(api("r", "/r", "1.0", LifecycleState.RETIRED, harness.echo.wsUrl()));
        harness.publish();
        assertThat(client.awaitClose()).isEqualTo(new RecordingWebSocket.Close(CloseCodes.GOING_AWAY, "API retired"));
    }

    @Test
    void revokingTheTokenClosesWith4001() {
        harness.world.subscribed(api("t", "/t", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        String jti = UUID.randomUUID().toString();
        String token = harness.tokens.token(TestWorld.CLIENT, jti, Instant.now().plusSeconds(600));
        RecordingWebSocket revoked = RecordingWebSocket.connect(harness.ws("/t/1.0"), GatewayHarness.bearer(token),
                null);
        RecordingWebSocket other = connected("/t/1.0");

        harness.world.revoked.add(jti);
        harness.publish();

        assertThat(revoked.awaitClose())
                .isEqualTo(new RecordingWebSocket.Close(CloseCodes.TOKEN_INVALID, "Access token revoked"));
        other.sendText("unaffected");
        assertThat(other.nextText()).isEqualTo("unaffected");
        other.sendClose(CloseCodes.NORMAL, "");
    }

    @Test
    void blockingTheSubscriptionClosesWith4001() {
        harness.world.subscribed(api("s", "/s", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        RecordingWebSocket client = connected("/s/1.0");
        harness.world.subscriptionStatus("s", SubscriptionStatus.BLOCKED);
        harness.publish();
        assertThat(client.awaitClose())
                .isEqualTo(new RecordingWebSocket.Close(CloseCodes.TOKEN_INVALID, "Subscription is blocked"));
    }

    @Test
    void theConnectionClosesWhenTheTokenExpires() {
        harness.world.subscribed(api("e", "/e", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        // JWT times have whole seconds; two seconds ahead leaves at least one second to connect.
        Instant expiry = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 2);
        String token = harness.tokens.token(TestWorld.CLIENT, UUID.randomUUID().toString(), expiry);
        RecordingWebSocket client = RecordingWebSocket.connect(harness.ws("/e/1.0"), GatewayHarness.bearer(token),
                null);
        client.sendText("before expiry");
        assertThat(client.nextText()).isEqualTo("before expiry");
        RecordingWebSocket.Close close = client.awaitClose(Duration.ofSeconds(4));
        assertThat(close).isEqualTo(new RecordingWebSocket.Close(CloseCodes.TOKEN_EXPIRED, "Access token expired"));
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
    }

    @Test
    void anOlderRevisionIsIgnored() {
        RuntimeSnapshot stale = harness.world.snapshot();
        harness.world.subscribed(api("new", "/new", "1.0", LifecycleState.PUBLISHED, harness.echo.wsUrl()));
        harness.publish();
        RecordingWebSocket client = connected("/new/1.0");
        // Nothing to hand to the live connection: the stale revision is refused before any of them sees it.
        assertThat(harness.gateway.apply(stale)).isCompleted();
        client.sendText("still served");
        assertThat(client.nextText()).isEqualTo("still served");
        client.sendClose(CloseCodes.NORMAL, "");
    }
}
