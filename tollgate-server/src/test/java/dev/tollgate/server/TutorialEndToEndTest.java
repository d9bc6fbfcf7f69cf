package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tollgate.server.runtime.SampleBackend;
import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.TestServer;
import dev.tollgate.server.support.Tutorial;
import dev.tollgate.server.support.Wscat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial end to end: the whole of it through the REST APIs, then the real wscat with the tutorial's four
 * invocations verbatim against the gateway on its default ports 9099 and 8099, and every way a handshake is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TutorialEndToEndTest {

    /** The tutorial's commands, word for word; {@code [accesstoken]} is what the user pastes. */
    private static final List<String> TUTORIAL_COMMANDS = List.of(
            "wscat -c ws://localhost:9099/echowebsocket/1.0.0 -H \"Authorization: Bearer [accesstoken]\"",
            "wscat -n -c wss://localhost:8099/echowebsocket/1.0.0 -H \"Authorization: Bearer [accesstoken]\"",
            "wscat -c \"ws://localhost:9099/echowebsocket/1.0.0?access_token=[accesstoken]\"",
            "wscat -n -c \"wss://localhost:8099/echowebsocket/1.0.0?access_token=[accesstoken]\"");

    private TestServer server;
    private Rest admin;
    private Tutorial.Result tutorial;
    private Path dataDir;

    @BeforeAll
    void followTheTutorialThroughTheRestApis(@TempDir Path dataDir) {
        this.dataDir = dataDir;
        server = start(dataDir);
        admin = server.rest("admin", "admin");
        String echo = server.bean(SampleBackend.class).wsUrl().orElseThrow();
        tutorial = Tutorial.run(admin, echo);
    }

    /** The default ports, as the tutorial's commands and the API's endpoint name them across restarts. */
    private static TestServer start(Path dataDir) {
        return TestServer.start(dataDir, "tollgate.gateway.ws-port=9099", "tollgate.gateway.wss-port=8099",
                "tollgate.echo.ws-port=9098", "tollgate.echo.wss-port=8098");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theTutorialsFourWscatCommandsGetTheEchoBack() {
        for (int i = 0; i < TUTORIAL_COMMANDS.size(); i++) {
            String command = TUTORIAL_COMMANDS.get(i).replace("[accesstoken]", tutorial.accessToken());
            String message = "hello tollgate " + i;
            Wscat.Run run = Wscat.run(command, message, 2);
            assertThat(run.echoed(message)).as("%s printed:%n%s", TUTORIAL_COMMANDS.get(i), run.output()).isTrue();
            assertThat(run.exitCode()).isZero();
        }
    }

    @Test
    void theVersionAsCreatedWorksToo() {
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/echowebsocket/1.0 -H \"Authorization: Bearer "
                + tutorial.accessToken() + "\"", "as created", 2);
        assertThat(run.echoed("as created")).as(run.output()).isTrue();
    }

    @Test
    void handshakeWithoutTokenIsRefusedWith401() {
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/echowebsocket/1.0.0", "x", 1);
        assertThat(run.output()).contains("Unexpected server response: 401");
        assertThat(run.exitCode()).isNotZero();
    }

    @Test
    void garbageTokenIsRefusedWith401() {
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/echowebsocket/1.0.0 -H \"Authorization: Bearer "
                + "not.a.jwt\"", "x", 1);
        assertThat(run.output()).contains("Unexpected server response: 401");
    }

    @Test
    void basicCredentialsAreRefusedWith401() {
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/echowebsocket/1.0.0 --auth admin:admin", "x", 1);
        assertThat(run.output()).contains("Unexpected server response: 401");
    }

    @Test
    void expiredTokenIsRefusedWith401() throws InterruptedException {
        Rest.Response shortLived = admin.post("/api/am/devportal/v3/applications/" + tutorial.applicationId()
                        + "/oauth-keys/" + tutorial.keyMappingId() + "/generate-token",
                Map.of("consumerSecret", tutorial.consumerSecret(), "validityPeriod", 1));
        assertThat(shortLived.status()).as(shortLived.body()).isEqualTo(200);
        Thread.sleep(2_100);
        Wscat.Run run = Wscat.run("wscat -c \"ws://localhost:9099/echowebsocket/1.0.0?access_token="
                + shortLived.text("accessToken") + "\"", "x", 1);
        assertThat(run.output()).contains("Unexpected server response: 401");
    }

    @Test
    void tokenOfAnApplicationNotSubscribedIsRefusedWith403() {
        String otherApp = Tutorial.createApplication(admin, "NotSubscribed");
        Tutorial.Result other = Tutorial.keysAndToken(admin, tutorial.apiId(), otherApp);
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/echowebsocket/1.0.0 -H \"Authorization: Bearer "
                + other.accessToken() + "\"", "x", 1);
        assertThat(run.output()).contains("Unexpected server response: 403");
    }

    @Test
    void apiNotYetPublishedIsNotFound() {
        String echo = server.bean(SampleBackend.class).wsUrl().orElseThrow();
        Tutorial.createApi(admin, "Unpublished", "/unpublished", "1.0", echo, List.of("Gold"));
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/unpublished/1.0 -H \"Authorization: Bearer "
                + tutorial.accessToken() + "\"", "x", 1);
        assertThat(run.output()).contains("Unexpected server response: 404");
    }

    @Test
    void publishingMakesAnApiCallableWithinASecondWithoutRestart() {
        String echo = server.bean(SampleBackend.class).wsUrl().orElseThrow();
        String apiId = Tutorial.createApi(admin, "Later", "/later", "2", echo, List.of("Silver"));
        Tutorial.publish(admin, apiId);
        Tutorial.subscribe(admin, tutorial.applicationId(), apiId, "Silver");
        long started = System.nanoTime();
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/later/2 -H \"Authorization: Bearer "
                + tutorial.accessToken() + "\"", "soon", 1);
        assertThat(run.echoed("soon")).as(run.output()).isTrue();
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }

    @Test
    void revokedTokenIsRefusedWith401() {
        Rest.Response fresh = server.anonymous().postForm("/oauth2/token", tutorial.consumerKey(),
                tutorial.consumerSecret(), Map.of("grant_type", "client_credentials"));
        String token = fresh.text("access_token");
        Wscat.Run before = Wscat.run("wscat -c \"ws://localhost:9099/echowebsocket/1.0.0?access_token=" + token
                + "\"", "before", 1);
        assertThat(before.echoed("before")).as(before.output()).isTrue();
        server.anonymous().postForm("/oauth2/revoke", tutorial.consumerKey(), tutorial.consumerSecret(),
                Map.of("token", token));
        Wscat.Run after = Wscat.run("wscat -c \"ws://localhost:9099/echowebsocket/1.0.0?access_token=" + token
                + "\"", "after", 1);
        assertThat(after.output()).contains("Unexpected server response: 401");
    }

    @Test
    void aTokenIssuedBeforeARestartStillWorksAfterIt() {
        server.close();
        server = start(dataDir);
        admin = server.rest("admin", "admin");
        Wscat.Run run = Wscat.run("wscat -c ws://localhost:9099/echowebsocket/1.0.0 -H \"Authorization: Bearer "
                + tutorial.accessToken() + "\"", "after restart", 2);
        assertThat(run.echoed("after restart")).as(run.output()).isTrue();
    }
}
