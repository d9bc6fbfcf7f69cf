package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

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

/**
 * Every REST endpoint and portal page against every role: anonymous, subscriber, creator, publisher, admin. Each row
 * says what each caller must get; a row that writes gets a fresh target per caller, so one caller's success never
 * decides another's answer. Ownership (another user's applications and keys) is covered by {@link AccessRulesTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final String[] CALLERS = {"anonymous", "subscriber", "creator", "publisher", "admin"};

    /** One endpoint: how to call it (given the caller and a fresh API id), and the status each caller gets. */
    private record Row(String name, BiFunction<Rest, String, Rest.Response> call, int... expected) {
    }

    private final AtomicInteger sequence = new AtomicInteger();
    private TestServer server;
    private Rest admin;
    private Map<String, Rest> callers;
    private String policyId;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        UserService users = server.bean(UserService.class);
        users.create("sub", "sub-secret", EnumSet.of(Role.SUBSCRIBER));
        users.create("cre", "cre-secret", EnumSet.of(Role.CREATOR));
        users.create("pub", "pub-secret", EnumSet.of(Role.PUBLISHER));
        admin = server.rest("admin", "admin");
        callers = new LinkedHashMap<>();
        callers.put("anonymous", server.anonymous());
        callers.put("subscriber", server.rest("sub", "sub-secret"));
        callers.put("creator", server.rest("cre", "cre-secret"));
        callers.put("publisher", server.rest("pub", "pub-secret"));
        callers.put("admin", admin);
        policyId = admin.get("/api/am/admin/v4/throttling/policies/subscription").json().path("list").get(0)
                .path("policyId").asString();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyEndpointAnswersEachRoleAsItsRulesSay() {
        String publisher = "/api/am/publisher/v4";
        String devportal = "/api/am/devportal/v3";
        String plans = "/api/am/admin/v4/throttling/policies";
        List<Row> rows = List.of(
                new Row("GET publisher apis", (rest, api) -> rest.get(publisher + "/apis"), 401, 403, 200, 200, 200),
                new Row("POST publisher apis", (rest, api) -> rest.post(publisher + "/apis", newApi()),
                        401, 403, 201, 403, 201),
                new Row("GET publisher api", (rest, api) -> rest.get(publisher + "/apis/" + api), 401, 403, 200, 200, 200),
                new Row("PUT publisher api", (rest, api) -> rest.put(publisher + "/apis/" + api, Map.of("name", "M" + api
                        .substring(0, 8), "context", "/m" + api.substring(0, 8), "version", "1")), 401, 403, 200, 200, 200),
                new Row("DELETE publisher api", (rest, api) -> rest.delete(publisher + "/apis/" + api),
                        401, 403, 200, 200, 200),
                new Row("POST change-lifecycle", (rest, api) -> rest.post(publisher + "/apis/change-lifecycle?apiId="
                        + api + "&action=Publish", ""), 401, 403, 403, 200, 200),
                new Row("GET lifecycle-history", (rest, api) -> rest.get(publisher + "/apis/" + api
                        + "/lifecycle-history"), 401, 403, 200, 200, 200),
                new Row("GET publisher subscriptions", (rest, api) -> rest.get(publisher + "/subscriptions?apiId=" + api),
                        401, 403, 403, 200, 200),
                new Row("GET devportal apis", (rest, api) -> rest.get(devportal + "/apis"), 200, 200, 200, 200, 200),
                new Row("GET devportal applications", (rest, api) -> rest.get(devportal + "/applications"),
                        401, 200, 403, 403, 200),
                new Row("POST devportal applications", (rest, api) -> rest.post(devportal + "/applications",
                        Map.of("name", "App" + sequence.incrementAndGet())), 401, 201, 403, 403, 201),
                new Row("GET devportal subscriptions", (rest, api) -> rest.get(devportal + "/subscriptions?apiId=" + api),
                        401, 200, 403, 403, 200),
                new Row("GET me", (rest, api) -> rest.get(devportal + "/me"), 401, 200, 200, 200, 200),
                new Row("GET subscription plans", (rest, api) -> rest.get(plans + "/subscription"), 401, 403, 403, 403, 200),
                new Row("POST subscription plan", (rest, api) -> rest.post(plans + "/subscription", Map.of("policyName",
                        "P" + sequence.incrementAndGet(), "defaultLimit", Map.of("type", "REQUESTCOUNTLIMIT",
                        "requestCount", Map.of("requestCount", 5)))), 401, 403, 403, 403, 201),
                new Row("PUT subscription plan", (rest, api) -> rest.put(plans + "/subscription/" + policyId,
                        Map.of("defaultLimit", Map.of("type", "REQUESTCOUNTLIMIT", "requestCount",
                                Map.of("requestCount", 5000)))), 401, 403, 403, 403, 200),
                new Row("GET prometheus", (rest, api) -> rest.get("/actuator/prometheus"), 401, 403, 403, 403, 200),
                new Row("page publisher", (rest, api) -> rest.getPage("/publisher"), 302, 403, 200, 200, 200),
                new Row("page publisher api", (rest, api) -> rest.getPage("/publisher/apis/" + api),
                        302, 403, 200, 200, 200),
                new Row("page admin", (rest, api) -> rest.getPage("/admin"), 302, 403, 403, 403, 200),
                new Row("page admin users", (rest, api) -> rest.getPage("/admin/users"), 302, 403, 403, 403, 200),
                new Row("page devportal", (rest, api) -> rest.getPage("/devportal"), 200, 200, 200, 200, 200),
                new Row("page devportal applications", (rest, api) -> rest.getPage("/devportal/applications"),
                        302, 200, 403, 403, 200));

        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < CALLERS.length; i++) {
                String api = freshApi();
                Rest.Response response = row.call().apply(callers.get(CALLERS[i]), api);
                if (response.status() != row.expected()[i]) {
                    wrong.add(row.name() + " as " + CALLERS[i] + ": " + response.status() + " (expected "
                            + row.expected()[i] + ")");
                }
            }
        }
        assertThat(wrong).as("endpoints answering a role otherwise than its rules say").isEmpty();
    }

    private Map<String, Object> newApi() {
        int n = sequence.incrementAndGet();
        return Map.of("name", "Matrix" + n, "context", "/matrix" + n, "version", "1");
    }

    private String freshApi() {
        int n = sequence.incrementAndGet();
        return Tutorial.createApi(admin, "Row" + n, "/row" + n, "1", "ws://localhost:1/r", List.of("Gold"));
    }
}
