package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.TestServer;
import dev.tollgate.server.support.Tutorial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and hostile input to every writing REST endpoint: never a 500, always the JSON error shape, and nothing
 * stored except by a request that was answered with success. Bounded in count and time; the seed is printed so a
 * failure can be replayed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestFuzzTest {

    private static final int REQUESTS = 250;
    private static final long BUDGET_NANOS = 40_000_000_000L;
    private static final String[] NASTY = {"", " ", "null", "<script>alert(1)</script>", "' or 1=1 --", "../../etc",
        "\u0000", "\u202e", "é", "🙂", "x".repeat(5000), "ws://", "wss://localhost:1/x?y#z", "http://x", "-1",
        "1e309", "Gold", "Unlimited", "Publish", "Block", "{version}", "/echowebsocket", "1.0.0", "%00", "\\"};

    private TestServer server;
    private Rest admin;
    private String apiId;
    private String applicationId;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        admin = server.rest("admin", "admin");
        apiId = Tutorial.createApi(admin, "Target", "/target", "1", "ws://localhost:1/t", List.of("Gold"));
        Tutorial.publish(admin, apiId);
        applicationId = Tutorial.createApplication(admin, "TargetApp");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void hostileInputNeverBreaksTheServerNorItsData() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int apisBefore = count("/api/am/publisher/v4/apis");
        int applicationsBefore = count("/api/am/devportal/v3/applications");
        int apisCreated = 0;
        int applicationsCreated = 0;
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS && System.nanoTime() - started < BUDGET_NANOS; i++) {
            int target = random.nextInt(9);
            String body = random.nextInt(5) == 0 ? pick(random) : Rest.json(randomValue(random, 0, target));
            Rest.Response response = switch (target) {
                case 0 -> admin.post("/api/am/publisher/v4/apis", body);
                case 1 -> admin.put("/api/am/publisher/v4/apis/" + apiId, body);
                case 2 -> admin.post("/api/am/publisher/v4/apis/change-lifecycle?apiId=" + encode(random)
                        + "&action=" + encode(random), "");
                case 3 -> admin.post("/api/am/devportal/v3/applications", body);
                case 4 -> admin.post("/api/am/devportal/v3/subscriptions", body);
                case 5 -> admin.post("/api/am/devportal/v3/applications/" + applicationId + "/generate-keys", body);
                case 6 -> admin.post("/api/am/admin/v4/throttling/policies/subscription", body);
                case 7 -> admin.get("/api/am/publisher/v4/apis/" + encode(random));
                default -> admin.put("/api/am/devportal/v3/applications/" + applicationId, body);
            };
            assertThat(response.status()).as("seed %d, request %d to target %d: %s -> %s", seed, i, target, body,
                    response.body()).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .as("seed %d, target %d: %s -> %d %s", seed, target, body, response.status(), response.body())
                        .startsWith("application/json");
                assertThat(response.json().path("code").asInt()).as("seed %d: %s", seed, response.body())
                        .isEqualTo(response.status());
                assertThat(response.text("description")).isNotBlank();
            }
            if (response.status() == 201 && target == 0) {
                apisCreated++;
            }
            if (response.status() == 201 && target == 3) {
                applicationsCreated++;
            }
        }
        assertThat(count("/api/am/publisher/v4/apis")).isEqualTo(apisBefore + apisCreated);
        assertThat(count("/api/am/devportal/v3/applications")).isEqualTo(applicationsBefore + applicationsCreated);
        Rest.Response target = admin.get("/api/am/publisher/v4/apis/" + apiId);
        assertThat(target.status()).isEqualTo(200);
    }

    private int count(String path) {
        return admin.get(path).json().path("count").asInt();
    }

    private static String pick(Random random) {
        return NASTY[random.nextInt(NASTY.length)];
    }

    private static String encode(Random random) {
        return java.net.URLEncoder.encode(pick(random), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A random JSON value, biased towards the field names the endpoints read so that validation is reached. */
    private static Object randomValue(Random random, int depth, int target) {
        int kind = depth > 2 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> pick(random);
            case 1 -> random.nextBoolean() ? random.nextLong() : random.nextDouble() * 1e12;
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1, target));
                }
                yield list;
            }
            default -> {
                String[] fields = {"name", "context", "version", "type", "policies", "endpointConfig",
                    "production_endpoints", "url", "config", "actionDuration", "throttlingPolicy", "tokenType",
                    "applicationId", "apiId", "keyType", "grantTypesToBeSupported", "validityTime", "policyName",
                    "defaultLimit", "requestCount", "timeUnit", "unitTime", "description", "retryTimeOut", "factor"};
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 1 + random.nextInt(6); i > 0; i--) {
                    object.put(fields[random.nextInt(fields.length)], randomValue(random, depth + 1, target));
                }
                yield object;
            }
        };
    }
}
