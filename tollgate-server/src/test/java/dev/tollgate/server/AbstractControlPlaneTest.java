package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.RuntimeApi;
import dev.tollgate.server.runtime.RuntimeState;
import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.TestServer;
import dev.tollgate.server.support.Tutorial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane's REST APIs, key manager and store against a real server; run once per supported database by
 * the subclasses, so that both stores keep the same contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractControlPlaneTest {

    Path dataDir;
    TestServer server;
    Rest admin;

    /** Properties that point the server at the store under test. */
    abstract String[] storeProperties();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        this.dataDir = dataDir;
        server = TestServer.start(dataDir, storeProperties());
        admin = server.rest("admin", "admin");
    }

    /** Removes what the store under test kept, once the server is stopped. */
    void dropStore() {
    }

    @AfterAll
    void stop() {
        server.close();
        dropStore();
    }

    @Test
    void tutorialThroughRestIssuesAnRs256JwtWithTheClaimsGatewaysNeed() throws ParseException {
        Tutorial.Result result = Tutorial.run(admin, "ws://localhost:9098/echo");

        SignedJWT jwt = SignedJWT.parse(result.accessToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("client_id")).isEqualTo(result.consumerKey());
        assertThat(claims.getStringClaim("application_id")).isEqualTo(result.applicationId());
        assertThat(claims.getIssuer()).isEqualTo("https://localhost:9443");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000L);
        assertThat(claims.getStringListClaim("scope")).containsExactly("default");

        Rest.Response shortLived = admin.post("/api/am/devportal/v3/applications/" + result.applicationId()
                + "/oauth-keys/" + result.keyMappingId() + "/generate-token",
                Map.of("consumerSecret", result.consumerSecret(), "validityPeriod", 5));
        assertThat(shortLived.json().path("validityTime").asLong()).isEqualTo(5);
        var shortClaims = SignedJWT.parse(shortLived.text("accessToken")).getJWTClaimsSet();
        assertThat(shortClaims.getExpirationTime().getTime() - shortClaims.getIssueTime().getTime())
                .isBetween(4_000L, 5_000L);

        Rest.Response devportalApi = server.anonymous().get("/api/am/devportal/v3/apis/" + result.apiId());
        assertThat(devportalApi.status()).isEqualTo(200);
        assertThat(devportalApi.json().path("endpointURLs").get(0).path("URLs").path("ws").asString())
                .endsWith("/echowebsocket/1.0");
        assertThat(devportalApi.json().path("throttlingPolicies").toString()).contains("Gold", "Silver");
    }

    @Test
    void keyManagerIssuesIntrospectsAndRevokesTokens() throws java.io.IOException {
        String apiId = Tutorial.createApi(admin, "Tokens", "/tokens", "1", "ws://localhost:1/x", List.of("Gold"));
        String appId = Tutorial.createApplication(admin, "TokenApp");
        Tutorial.Result keys = Tutorial.keysAndToken(admin, apiId, appId);

        Rest.Response clientCredentials = server.anonymous().postForm("/oauth2/token", keys.consumerKey(),
                keys.consumerSecret(), Map.of("grant_type", "client_credentials"));
        assertThat(clientCredentials.status()).as(clientCredentials.body()).isEqualTo(200);
        assertThat(clientCredentials.text("token_type")).isEqualTo("Bearer");

        Rest.Response password = server.anonymous().postForm("/oauth2/token", keys.consumerKey(),
                keys.consumerSecret(), Map.of("grant_type", "password", "username", "admin", "password", "admin"));
        assertThat(password.status()).as(password.body()).isEqualTo(200);
        String refreshToken = password.text("refresh_token");
        assertThat(refreshToken).isNotBlank();

        Rest.Response wrongPassword = server.anonymous().postForm("/oauth2/token", keys.consumerKey(),
                keys.consumerSecret(), Map.of("grant_type", "password", "username", "admin", "password", "nope"));
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(wrongPassword.text("error")).isEqualTo("invalid_grant");

        Rest.Response refreshed = server.anonymous().postForm("/oauth2/token", keys.consumerKey(),
                keys.consumerSecret(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);

        String token = clientCredentials.text("access_token");
        Rest.Response active = server.anonymous().postForm("/oauth2/introspect", keys.consumerKey(),
                keys.consumerSecret(), Map.of("token", token));
        assertThat(active.json().path("active").asBoolean()).isTrue();

        Rest.Response revoked = server.anonymous().postForm("/oauth2/revoke", keys.consumerKey(),
                keys.consumerSecret(), Map.of("token", token));
        assertThat(revoked.status()).isEqualTo(200);
        Rest.Response inactive = server.anonymous().postForm("/oauth2/introspect", keys.consumerKey(),
                keys.consumerSecret(), Map.of("token", token));
        assertThat(inactive.json().path("active").asBoolean()).isFalse();

        for (String keyStore : List.of("keys/signing.p12", "tls/tollgate.p12")) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir.resolve(keyStore)))
                    .as(keyStore).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        Rest.Response jwks = server.anonymous().get("/oauth2/jwks");
        assertThat(jwks.json().path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(jwks.body()).doesNotContain("\"d\"");
        Rest.Response metadata = server.anonymous().get("/.well-known/oauth-authorization-server");
        assertThat(metadata.text("token_endpoint")).endsWith("/oauth2/token");
    }

    @Test
    void invalidInputGetsAClearJsonError() {
        Rest.Response noName = admin.post("/api/am/publisher/v4/apis",
                Map.of("context", "/x", "version", "1.0"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("code").asInt()).isEqualTo(400);
        assertThat(noName.text("message")).isEqualTo("Bad Request");
        assertThat(noName.text("description")).startsWith("name:");

        Rest.Response httpEndpoint = admin.post("/api/am/publisher/v4/apis", Map.of("name", "Bad", "context", "/bad",
                "version", "1", "endpointConfig", Map.of("production_endpoints", Map.of("url", "http://x"))));
        assertThat(httpEndpoint.status()).isEqualTo(400);
        assertThat(httpEndpoint.text("description")).contains("ws:// or wss://");

        Rest.Response unknownPlan = admin.post("/api/am/publisher/v4/apis",
                Map.of("name", "Plan", "context", "/plan", "version", "1", "policies", List.of("Platinum")));
        assertThat(unknownPlan.status()).isEqualTo(400);
        assertThat(unknownPlan.text("description")).contains("Platinum", "Gold");

        Rest.Response notJson = admin.post("/api/am/publisher/v4/apis", "{not json");
        assertThat(notJson.status()).isEqualTo(400);

        Tutorial.createApi(admin, "Versions", "/versions", "1.0", "ws://localhost:1/", List.of("Gold"));
        Rest.Response sameVersion = admin.post("/api/am/publisher/v4/apis",
                Map.of("name", "Versions", "context", "/versions", "version", "1.0.0"));
        assertThat(sameVersion.status()).isEqualTo(409);

        Rest.Response unknownApi = admin.get("/api/am/publisher/v4/apis/nope");
        assertThat(unknownApi.status()).isEqualTo(404);

        Rest.Response anonymous = server.anonymous().get("/api/am/publisher/v4/apis");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text("description")).contains("Basic");

        Rest.Response badLifecycle = admin.post("/api/am/publisher/v4/apis/change-lifecycle?apiId="
                + Tutorial.createApi(admin, "Life", "/life", "1", "ws://localhost:1/", List.of()) + "&action=Publish", "");
        assertThat(badLifecycle.status()).isEqualTo(400);
        assertThat(badLifecycle.text("description")).contains("business plan");
    }

    @Test
    void anApisOriginAllowListIsValidatedStoredAndCarriedToTheGateway() {
        Map<String, Object> api = new LinkedHashMap<>(Map.of("name", "Cors", "context", "/cors",
                "version", "1", "type", "WS", "policies", List.of("Gold"),
                "endpointConfig", Map.of("production_endpoints", Map.of("url", "ws://localhost:1/c")),
                "corsConfiguration", Map.of("corsConfigurationEnabled", true,
                        "accessControlAllowOrigins", List.of("https://app.example.com", "http://localhost:8080"))));
        Rest.Response created = admin.post("/api/am/publisher/v4/apis", api);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String apiId = created.text("id");
        Rest.Response read = admin.get("/api/am/publisher/v4/apis/" + apiId);
        assertThat(read.json().path("corsConfiguration").path("corsConfigurationEnabled").asBoolean()).isTrue();
        assertThat(read.json().path("corsConfiguration").path("accessControlAllowOrigins").toString())
                .isEqualTo("[\"https://app.example.com\",\"http://localhost:8080\"]");
        Tutorial.publish(admin, apiId);
        CorsConfiguration carried = server.bean(RuntimeState.class).current().apis().get(apiId).cors();
        assertThat(carried.enabled()).isTrue();
        assertThat(carried.allows("https://app.example.com")).isTrue();
        assertThat(carried.allows("https://evil.example")).isFalse();

        for (String bad : List.of("https://app.example.com/", "https://app.example.com/path", "app.example.com",
                "https://user@app.example.com", "https://app.example.com:99999", "https://app.example.com?x",
                "https://" + "a".repeat(200) + ".com", "")) {
            api.put("corsConfiguration", Map.of("corsConfigurationEnabled", true,
                    "accessControlAllowOrigins", List.of("*", bad)));
            Rest.Response refused = admin.put("/api/am/publisher/v4/apis/" + apiId, api);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.text("description"))
                    .startsWith("corsConfiguration.accessControlAllowOrigins[1]: ")
                    .contains("(expected: scheme://host[:port]");
        }

        api.remove("corsConfiguration");
        Rest.Response cleared = admin.put("/api/am/publisher/v4/apis/" + apiId, api);
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("corsConfiguration").path("corsConfigurationEnabled").asBoolean()).isFalse();
        assertThat(server.bean(RuntimeState.class).current().apis().get(apiId).cors().enabled()).isFalse();
    }

    @Test
    void anApisFrameAndMessageLimitsAreValidatedStoredAndCarriedToTheGateway() {
        Map<String, Object> api = new LinkedHashMap<>(Map.of("name", "Limits", "context", "/limits",
                "version", "1", "type", "WS", "policies", List.of("Gold"),
                "endpointConfig", Map.of("production_endpoints", Map.of("url", "ws://localhost:1/l")),
                "maxFrameSize", 1024, "maxMessageSize", 4096));
        Rest.Response created = admin.post("/api/am/publisher/v4/apis", api);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String apiId = created.text("id");
        Rest.Response read = admin.get("/api/am/publisher/v4/apis/" + apiId);
        assertThat(read.json().path("maxFrameSize").asInt()).isEqualTo(1024);
        assertThat(read.json().path("maxMessageSize").asInt()).isEqualTo(4096);
        Tutorial.publish(admin, apiId);
        RuntimeApi carried = server.bean(RuntimeState.class).current().apis().get(apiId);
        assertThat(carried.maxFrameSize()).isEqualTo(1024);
        assertThat(carried.maxMessageSize()).isEqualTo(4096);

        for (Map.Entry<Map<String, Object>, String> bad : Map.of(
                Map.<String, Object>of("maxFrameSize", 124), "maxFrameSize: 124 (expected: 125 to 67108864",
                Map.<String, Object>of("maxMessageSize", 64 * 1024 * 1024 + 1),
                        "maxMessageSize: 67108865 (expected: 125 to 67108864",
                Map.<String, Object>of("maxFrameSize", 2048, "maxMessageSize", 1024),
                        "maxMessageSize: 1024 (expected: at least maxFrameSize, 2048)").entrySet()) {
            Map<String, Object> refusedApi = new LinkedHashMap<>(api);
            refusedApi.remove("maxFrameSize");
            refusedApi.remove("maxMessageSize");
            refusedApi.putAll(bad.getKey());
            Rest.Response refused = admin.put("/api/am/publisher/v4/apis/" + apiId, refusedApi);
            assertThat(refused.status()).as(bad.getValue()).isEqualTo(400);
            assertThat(refused.text("description")).startsWith(bad.getValue());
        }

        api.remove("maxFrameSize");
        api.remove("maxMessageSize");
        Rest.Response cleared = admin.put("/api/am/publisher/v4/apis/" + apiId, api);
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("maxFrameSize").isNumber()).as(cleared.body()).isFalse();
        RuntimeApi defaults = server.bean(RuntimeState.class).current().apis().get(apiId);
        assertThat(defaults.maxFrameSize()).isEqualTo(RuntimeApi.GATEWAY_DEFAULT);
        assertThat(defaults.maxMessageSize()).isEqualTo(RuntimeApi.GATEWAY_DEFAULT);
    }

    @Test
    void everythingSurvivesARestartAndOldTokensStayValid() {
        String apiId = Tutorial.createApi(admin, "Durable", "/durable", "2.1", "ws://localhost:1/d", List.of("Silver"));
        Tutorial.publish(admin, apiId);
        String appId = Tutorial.createApplication(admin, "DurableApp");
        Tutorial.subscribe(admin, appId, apiId, "Silver");
        Tutorial.Result keys = Tutorial.keysAndToken(admin, apiId, appId);

        server.close();
        server = TestServer.start(dataDir, storeProperties());
        admin = server.rest("admin", "admin");

        assertThat(admin.get("/api/am/publisher/v4/apis/" + apiId).text("lifeCycleStatus")).isEqualTo("Published");
        assertThat(admin.get("/api/am/devportal/v3/subscriptions?applicationId=" + appId).json()
                .path("list").get(0).path("throttlingPolicy").asString()).isEqualTo("Silver");
        assertThat(admin.get("/api/am/publisher/v4/apis/" + apiId + "/lifecycle-history").json()
                .path("count").asInt()).isEqualTo(2);
        Rest.Response introspected = server.anonymous().postForm("/oauth2/introspect", keys.consumerKey(),
                keys.consumerSecret(), Map.of("token", keys.accessToken()));
        assertThat(introspected.json().path("active").asBoolean()).as(introspected.body()).isTrue();
        Rest.Response newToken = server.anonymous().postForm("/oauth2/token", keys.consumerKey(),
                keys.consumerSecret(), Map.of("grant_type", "client_credentials"));
        assertThat(newToken.status()).isEqualTo(200);
        assertThat(server.bean(dev.tollgate.server.runtime.RuntimeState.class).current()
                .subscription(appId, apiId)).isPresent();
    }

    @Test
    void opaqueTokensAreIntrospectedAndRevokedLikeJwts() {
        String apiId = Tutorial.createApi(admin, "Opaque", "/opaque", "1", "ws://localhost:1/o", List.of("Gold"));
        Rest.Response app = admin.post("/api/am/devportal/v3/applications",
                Map.of("name", "OpaqueApp", "tokenType", "OAUTH"));
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        assertThat(app.text("tokenType")).isEqualTo("OAUTH");
        Tutorial.Result keys = Tutorial.keysAndToken(admin, apiId, app.text("applicationId"));
        assertThat(keys.accessToken()).doesNotContain(".");

        Rest.Response introspected = server.anonymous().postForm("/oauth2/introspect", keys.consumerKey(),
                keys.consumerSecret(), Map.of("token", keys.accessToken()));
        assertThat(introspected.json().path("active").asBoolean()).as(introspected.body()).isTrue();
        assertThat(introspected.text("client_id")).isEqualTo(keys.consumerKey());
        assertThat(introspected.text("application_id")).isEqualTo(app.text("applicationId"));
        String jti = introspected.text("jti");
        assertThat(jti).isNotBlank();

        server.anonymous().postForm("/oauth2/revoke", keys.consumerKey(), keys.consumerSecret(),
                Map.of("token", keys.accessToken()));
        assertThat(server.bean(dev.tollgate.server.runtime.RuntimeState.class).current().revokedTokenIds())
                .contains(jti);
        Rest.Response changeType = admin.put("/api/am/devportal/v3/applications/" + app.text("applicationId"),
                Map.of("name", "OpaqueApp", "tokenType", "JWT"));
        assertThat(changeType.status()).isEqualTo(409);
    }
}
