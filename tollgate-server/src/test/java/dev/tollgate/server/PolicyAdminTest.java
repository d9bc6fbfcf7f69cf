package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.tollgate.model.QuotaType;
import dev.tollgate.server.runtime.RuntimeState;
import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.TestServer;
import dev.tollgate.server.support.Tutorial;
import dev.tollgate.server.user.Role;
import dev.tollgate.server.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The admin REST API for business plans: WSO2's defaults, and creating, changing and deleting plans. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyAdminTest {

    private static final String PATH = "/api/am/admin/v4/throttling/policies/subscription";

    private TestServer server;
    private Rest admin;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        admin = server.rest("admin", "admin");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void wso2DefaultPlansAreSeededWithTheirNumbers() {
        Rest.Response list = admin.get(PATH);
        assertThat(list.json().path("count").asInt()).isEqualTo(8);
        Map<String, String> byName = new java.util.HashMap<>();
        list.json().path("list").forEach(policy -> byName.put(policy.path("policyName").asString(),
                policy.path("defaultLimit").toString()));
        assertThat(byName).containsOnlyKeys("Gold", "Silver", "Bronze", "Unlimited", "AsyncGold", "AsyncSilver",
                "AsyncBronze", "AsyncUnlimited");
        assertThat(byName.get("Gold")).contains("\"requestCount\":5000", "\"timeUnit\":\"min\"");
        assertThat(byName.get("Silver")).contains("\"requestCount\":2000");
        assertThat(byName.get("AsyncGold")).contains("EVENTCOUNTLIMIT", "\"eventCount\":50000", "\"timeUnit\":\"day\"");
        String goldId = list.json().path("list").get(0).path("policyId").asString();
        assertThat(admin.get(PATH + "/" + goldId).text("policyName")).isEqualTo("Gold");
        assertThat(admin.get("/api/am/admin/v4/throttling/policies/application").json().path("count").asInt())
                .isEqualTo(4);
    }

    @Test
    void anAdminCreatesChangesAndDeletesAPlanAndGatewaysSeeIt() {
        Rest.Response created = admin.post(PATH, Map.of(
                "policyName", "Platinum", "description", "Ten events a minute",
                "defaultLimit", Map.of("type", "EVENTCOUNTLIMIT",
                        "eventCount", Map.of("timeUnit", "min", "unitTime", 1, "eventCount", 10)),
                "rateLimitCount", 5, "rateLimitTimeUnit", "sec", "onQuotaExceeded", "CLOSE_CONNECTION"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("policyId");
        var runtime = server.bean(RuntimeState.class).current().policy("Platinum").orElseThrow();
        assertThat(runtime.quotaType()).isEqualTo(QuotaType.EVENT_COUNT);
        assertThat(runtime.limit()).isEqualTo(10);
        assertThat(runtime.window()).isEqualTo(Duration.ofMinutes(1));

        Rest.Response updated = admin.put(PATH + "/" + id, Map.of("policyName", "Platinum",
                "defaultLimit", Map.of("type", "BANDWIDTHLIMIT",
                        "bandwidth", Map.of("timeUnit", "hour", "unitTime", 2, "dataAmount", 3, "dataUnit", "MB"))));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        var changed = server.bean(RuntimeState.class).current().policy("Platinum").orElseThrow();
        assertThat(changed.limit()).isEqualTo(3L * 1024 * 1024);
        assertThat(changed.window()).isEqualTo(Duration.ofHours(2));

        assertThat(admin.post(PATH, Map.of("policyName", "Platinum", "defaultLimit", Map.of("type",
                "REQUESTCOUNTLIMIT", "requestCount", Map.of("requestCount", 1)))).status()).isEqualTo(409);
        assertThat(admin.delete(PATH + "/" + id).status()).isEqualTo(200);
        assertThat(server.bean(RuntimeState.class).current().policy("Platinum")).isEmpty();
    }

    @Test
    void invalidPlansAreRefusedWithTheFieldNamed() {
        Rest.Response noType = admin.post(PATH, Map.of("policyName", "Broken"));
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.text("description")).startsWith("defaultLimit.type");
        Rest.Response zero = admin.post(PATH, Map.of("policyName", "Zero", "defaultLimit",
                Map.of("type", "REQUESTCOUNTLIMIT", "requestCount", Map.of("requestCount", 0))));
        assertThat(zero.text("description")).startsWith("defaultLimit");
        Rest.Response badUnit = admin.post(PATH, Map.of("policyName", "Unit", "defaultLimit",
                Map.of("type", "REQUESTCOUNTLIMIT", "requestCount", Map.of("requestCount", 5, "timeUnit", "week"))));
        assertThat(badUnit.text("description")).startsWith("timeUnit");
        Rest.Response badName = admin.post(PATH, Map.of("policyName", "no spaces"));
        assertThat(badName.text("description")).startsWith("policyName");
    }

    @Test
    void aPlanInUseOrBuiltInIsNotDeleted() {
        Tutorial.createApi(admin, "UsesSilver", "/uses-silver", "1", "ws://localhost:1/", List.of("Silver"));
        String silverId = policyId("Silver");
        Rest.Response refused = admin.delete(PATH + "/" + silverId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("description")).contains("in use");
        assertThat(admin.delete(PATH + "/" + policyId("Unlimited")).status()).isEqualTo(409);
    }

    @Test
    void onlyAdminsManagePlans() {
        server.bean(UserService.class).create("pub", "pub-secret", EnumSet.of(Role.PUBLISHER, Role.CREATOR));
        assertThat(server.rest("pub", "pub-secret").post(PATH, Map.of("policyName", "Mine")).status())
                .isEqualTo(403);
    }

    private String policyId(String name) {
        for (var policy : admin.get(PATH).json().path("list")) {
            if (policy.path("policyName").asString().equals(name)) {
                return policy.path("policyId").asString();
            }
        }
        throw new AssertionError("No policy " + name);
    }

    @Test
    void apisTakeAnApiLevelPlanThatGatewaysSee() {
        Rest.Response advanced = admin.get("/api/am/admin/v4/throttling/policies/advanced");
        assertThat(advanced.json().path("count").asInt()).isEqualTo(4);
        Rest.Response created = admin.post("/api/am/publisher/v4/apis", Map.of("name", "Capped", "context", "/capped",
                "version", "1", "policies", List.of("Gold"), "apiThrottlingPolicy", "10KPerMin",
                "endpointConfig", Map.of("production_endpoints", Map.of("url", "ws://localhost:1/c"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("apiThrottlingPolicy")).isEqualTo("10KPerMin");
        Tutorial.publish(admin, created.text("id"));
        var runtime = server.bean(RuntimeState.class).current();
        assertThat(runtime.apis().get(created.text("id")).apiPolicy()).isEqualTo("10KPerMin");
        assertThat(runtime.apiPolicy("10KPerMin").orElseThrow().limit()).isEqualTo(10_000);

        Rest.Response unknown = admin.post("/api/am/publisher/v4/apis", Map.of("name", "Bad", "context", "/bad-plan",
                "version", "1", "apiThrottlingPolicy", "Gold"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("description")).startsWith("apiThrottlingPolicy");
        String tenK = null;
        for (var policy : advanced.json().path("list")) {
            if (policy.path("policyName").asString().equals("10KPerMin")) {
                tenK = policy.path("policyId").asString();
            }
        }
        assertThat(admin.delete("/api/am/admin/v4/throttling/policies/advanced/" + tenK).status()).isEqualTo(409);
    }
}
