package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.EchoServer;
import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.gateway.endpoint.EndpointErrorCodes;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeApi;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Endpoint advanced settings: retries, suspension with its growth, fail-fast 503, and reset on success. */
@ExtendWith(NoLeaks.class)
class EndpointSuspensionTest {

    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static EndpointSettings settings(Duration timeout, String action, Set<Integer> suspendCodes,
            long suspendMillis, Set<Integer> timeoutCodes, int retries, long retryDelayMillis) {
        return new EndpointSettings(timeout, action, suspendCodes, Duration.ofMillis(suspendMillis),
                Duration.ofMillis(suspendMillis * 4), 2.0, timeoutCodes, retries, Duration.ofMillis(retryDelayMillis));
    }

    private static void publish(String id, URI backend, EndpointSettings settings) {
        RuntimeApi api = api(id, "/" + id, "1.0", LifecycleState.PUBLISHED, backend, settings);
        if (harness.world.apis.stream().anyMatch(existing -> existing.id().equals(id))) {
            harness.world.replace(api);
        } else {
            harness.world.subscribed(api);
        }
        harness.publish();
    }

    private static RawHttp.Response handshake(String id) {
        return RawHttp.upgrade(harness.gateway.wsPort(), "/" + id + "/1.0",
                "Authorization: Bearer " + harness.tokens.token(TestWorld.CLIENT));
    }

    /** The end of the suspension a 503 announces. */
    private static Instant suspendedUntil(RawHttp.Response response) {
        assertThat(response.status()).isEqualTo(503);
        String marker = "Endpoint suspended until ";
        int start = response.body().indexOf(marker) + marker.length();
        return Instant.parse(response.body().substring(start, response.body().indexOf('"', start)));
    }

    @Test
    void aFailingBackendIsRetriedThenSuspendedAndSuspensionAnswersWithoutTrying() throws Exception {
        try (StubBackends.Rejecting backend = new StubBackends.Rejecting("HTTP/1.1 503 Service Unavailable")) {
            publish("flaky", backend.url(), settings(Duration.ofSeconds(2), "fault", Set.of(), 500, Set.of(), 2, 100));

            Instant firstStarted = Instant.now();
            RawHttp.Response first = handshake("flaky");
            Instant firstEnded = Instant.now();
            assertThat(first.status()).isEqualTo(503);
            assertThat(first.body()).contains("Backend refused the WebSocket handshake");
            assertThat(backend.accepted.get()).as("one attempt and two retries").isEqualTo(3);
            assertThat(Duration.between(firstStarted, firstEnded)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

            RawHttp.Response suspended = handshake("flaky");
            Instant until = suspendedUntil(suspended);
            // The suspension began during the first handshake, after its retries, and lasts 500 ms.
            assertThat(until).isBetween(firstStarted.plusMillis(700), firstEnded.plusMillis(500));
            assertThat(suspended.header("Retry-After")).isEqualTo("1");
            assertThat(backend.accepted.get()).as("no attempt while suspended").isEqualTo(3);

            // After the suspension, the next failure suspends for twice as long.
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 50);
            Instant thirdStarted = Instant.now();
            assertThat(handshake("flaky").status()).isEqualTo(503);
            Instant thirdEnded = Instant.now();
            assertThat(backend.accepted.get()).isEqualTo(6);
            assertThat(suspendedUntil(handshake("flaky")))
                    .isBetween(thirdStarted.plusMillis(1_200), thirdEnded.plusMillis(1_000));
        }
    }

    @Test
    void aSuspendErrorCodeSuspendsAtOnceWithoutRetries() {
        URI refusing = StubBackends.refusing();
        publish("refused", refusing, settings(Duration.ofSeconds(2), "fault",
                Set.of(EndpointErrorCodes.CONNECTION_FAILED), 5_000, Set.of(), 3, 2_000));
        long started = System.nanoTime();
        RawHttp.Response first = handshake("refused");
        assertThat(first.status()).isEqualTo(502);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no retry delay")
                .isLessThan(Duration.ofMillis(1_500));
        assertThat(handshake("refused").body()).contains("Endpoint suspended until");
    }

    @Test
    void aBackendThatNeverAnswersTimesOutIsRetriedAndSuspended() throws Exception {
        try (StubBackends.Silent silent = new StubBackends.Silent()) {
            publish("silent", silent.url(), settings(Duration.ofMillis(200), "fault", Set.of(), 2_000,
                    Set.of(EndpointErrorCodes.CONNECTION_TIMEOUT), 1, 50));
            long started = System.nanoTime();
            assertThat(handshake("silent").status()).isEqualTo(504);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two attempts of 200 ms")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(handshake("silent").status()).isEqualTo(503);
        }
    }

    @Test
    void failuresOutsideTheConfiguredCodesNeitherRetryNorSuspend() throws Exception {
        try (StubBackends.Rejecting backend = new StubBackends.Rejecting("HTTP/1.1 404 Not Found");
                StubBackends.Silent silent = new StubBackends.Silent()) {
            publish("missing", backend.url(), settings(Duration.ofSeconds(2), "fault", Set.of(), 5_000, Set.of(), 2,
                    10));
            assertThat(handshake("missing").status()).isEqualTo(404);
            assertThat(handshake("missing").status()).isEqualTo(404);
            assertThat(backend.accepted.get()).isEqualTo(2);

            // A timeout with the discard action does not count either.
            publish("discarded", silent.url(), settings(Duration.ofMillis(150), "discard", Set.of(), 5_000, Set.of(),
                    2, 10));
            assertThat(handshake("discarded").status()).isEqualTo(504);
            assertThat(handshake("discarded").status()).isEqualTo(504);
        }
    }

    @Test
    void aSuccessResetsTheEndpointAndANewUrlStartsAfresh() throws Exception {
        URI refusing = StubBackends.refusing();
        EndpointSettings settings = settings(Duration.ofSeconds(2), "fault", Set.of(), 600, Set.of(), 0, 0);
        publish("revived", refusing, settings);
        assertThat(handshake("revived").status()).isEqualTo(502);
        Instant until = suspendedUntil(handshake("revived"));

        // The backend comes back on the same port; once the suspension is over, a handshake reaches it.
        StubBackends.release(refusing);
        try (EchoServer echo = EchoServer.start(EchoServer.Config.defaults().wsPort(refusing.getPort()))) {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 50);
            RecordingWebSocket client = harness.connect("/revived/1.0");
            GatewayHarness.echoesThenCloses(client, "back");
        }
        // It is gone again: the suspension starts over from the initial duration, not twice it.
        assertThat(handshake("revived").status()).isEqualTo(502);
        Instant failed = Instant.now();
        assertThat(suspendedUntil(handshake("revived"))).isBeforeOrEqualTo(failed.plusMillis(600));

        // A new endpoint URL is a new endpoint, not suspended.
        publish("revived", harness.echo.wsUrl(), settings);
        GatewayHarness.echoesThenCloses(harness.connect("/revived/1.0"), "new url");
    }
}
