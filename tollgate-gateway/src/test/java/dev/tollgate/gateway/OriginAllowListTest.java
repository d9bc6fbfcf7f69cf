package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An API's origin allow-list (WSO2's corsConfiguration): only listed origins connect when it is enabled. */
@ExtendWith(NoLeaks.class)
class OriginAllowListTest {

    private static final String APP = "https://app.example.com";
    private static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness();
        harness.world.subscribed(withCors(api("listed", "/listed", "1.0", LifecycleState.PUBLISHED,
                harness.echo.wsUrl()), new CorsConfiguration(true, List.of(APP, "http://localhost:8080"))));
        harness.world.subscribed(withCors(api("any", "/any", "1.0", LifecycleState.PUBLISHED,
                harness.echo.wsUrl()), new CorsConfiguration(true, List.of("*"))));
        harness.world.subscribed(withCors(api("off", "/off", "1.0", LifecycleState.PUBLISHED,
                harness.echo.wsUrl()), new CorsConfiguration(false, List.of(APP))));
        harness.publish();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static RuntimeApi withCors(RuntimeApi api, CorsConfiguration cors) {
        return new RuntimeApi(api.id(), api.name(), api.context(), api.version(), api.state(), api.endpoint(),
                api.plans(), api.apiPolicy(), cors);
    }

    private static RecordingWebSocket connect(String path, String origin) {
        Map<String, String> headers = new HashMap<>(
                GatewayHarness.bearer(harness.tokens.token(TestWorld.CLIENT)));
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return RecordingWebSocket.connect(harness.ws(path), headers, null);
    }

    private static RawHttp.Response upgrade(String path, String... headers) {
        return RawHttp.upgrade(harness.gateway.wsPort(), path, headers);
    }

    @Test
    void listedOriginsConnectInAnyCase() {
        GatewayHarness.echoesThenCloses(connect("/listed/1.0", APP), "listed");
        GatewayHarness.echoesThenCloses(connect("/listed/1.0", "HTTPS://App.Example.COM"), "case");
        GatewayHarness.echoesThenCloses(connect("/listed/1.0", "http://localhost:8080"), "port");
    }

    @Test
    void otherOrMissingOriginsAre403BeforeAnyTokenIsLookedAt() {
        RawHttp.Response evil = upgrade("/listed/1.0", "Origin: https://evil.example");
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.body()).contains("\"description\":\"Origin https://evil.example is not allowed for this API\"");

        for (String near : new String[] {"http://app.example.com", "https://app.example.com:8443",
                "https://app.example.com.evil.example", "null"}) {
            RawHttp.Response response = upgrade("/listed/1.0", "Origin: " + near, "Authorization: Bearer "
                    + harness.tokens.token(TestWorld.CLIENT));
            assertThat(response.status()).as(near).isEqualTo(403);
        }

        RawHttp.Response missing = upgrade("/listed/1.0", "Authorization: Bearer "
                + harness.tokens.token(TestWorld.CLIENT));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).contains("Origin header is missing");

        RawHttp.Response huge = upgrade("/listed/1.0", "Origin: https://" + "a".repeat(5_000));
        assertThat(huge.status()).isEqualTo(403);
        assertThat(huge.body().length()).isLessThan(400);
    }

    @Test
    void aWildcardOrADisabledListLetsEveryoneIn() {
        GatewayHarness.echoesThenCloses(connect("/any/1.0", "https://evil.example"), "any");
        GatewayHarness.echoesThenCloses(connect("/any/1.0", null), "any without origin");
        GatewayHarness.echoesThenCloses(connect("/off/1.0", "https://evil.example"), "off");
        GatewayHarness.echoesThenCloses(connect("/off/1.0", null), "off without origin");
    }

    @Test
    void aChangedListAppliesToTheNextHandshake() {
        harness.world.replace(withCors(harness.world.apis.stream().filter(api -> api.id().equals("off"))
                .findFirst().orElseThrow(), new CorsConfiguration(true, List.of(APP))));
        harness.publish();
        assertThat(upgrade("/off/1.0", "Origin: https://evil.example").status()).isEqualTo(403);
        GatewayHarness.echoesThenCloses(connect("/off/1.0", APP), "now listed");
        harness.world.replace(withCors(harness.world.apis.stream().filter(api -> api.id().equals("off"))
                .findFirst().orElseThrow(), CorsConfiguration.DISABLED));
        harness.publish();
    }
}
