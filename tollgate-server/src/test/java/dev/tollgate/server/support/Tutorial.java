package dev.tollgate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * The tutorial's steps through the REST APIs, as a script a user would write: design EchoWebSocket, publish it,
 * create an application, subscribe with Gold, generate keys and a token.
 */
public final class Tutorial {

    /** What the tutorial leaves a user holding. */
    public record Result(String apiId, String applicationId, String keyMappingId, String consumerKey,
            String consumerSecret, String accessToken) {
    }

    private Tutorial() {
    }

    public static String createApi(Rest publisher, String name, String context, String version, String endpoint,
            List<String> policies) {
        Rest.Response created = publisher.post("/api/am/publisher/v4/apis", Map.of(
                "name", name,
                "context", context,
                "version", version,
                "type", "WS",
                "endpointConfig", Map.of("endpoint_type", "ws",
                        "production_endpoints", Map.of("url", endpoint)),
                "policies", policies));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    public static void publish(Rest publisher, String apiId) {
        Rest.Response published = publisher.post(
                "/api/am/publisher/v4/apis/change-lifecycle?apiId=" + apiId + "&action=Publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    public static String createApplication(Rest developer, String name) {
        Rest.Response app = developer.post("/api/am/devportal/v3/applications",
                Map.of("name", name, "throttlingPolicy", "Unlimited", "tokenType", "JWT"));
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        return app.text("applicationId");
    }

    public static void subscribe(Rest developer, String applicationId, String apiId, String plan) {
        Rest.Response subscription = developer.post("/api/am/devportal/v3/subscriptions",
                Map.of("applicationId", applicationId, "apiId", apiId, "throttlingPolicy", plan));
        assertThat(subscription.status()).as(subscription.body()).isEqualTo(201);
    }

    public static Result keysAndToken(Rest developer, String apiId, String applicationId) {
        Rest.Response keys = developer.post("/api/am/devportal/v3/applications/" + applicationId + "/generate-keys",
                Map.of("keyType", "PRODUCTION",
                        "grantTypesToBeSupported", List.of("client_credentials", "password", "refresh_token")));
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        String keyMappingId = keys.text("keyMappingId");
        String consumerSecret = keys.text("consumerSecret");
        Rest.Response token = developer.post("/api/am/devportal/v3/applications/" + applicationId + "/oauth-keys/"
                + keyMappingId + "/generate-token", Map.of("consumerSecret", consumerSecret, "validityPeriod", 3600));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return new Result(apiId, applicationId, keyMappingId, keys.text("consumerKey"), consumerSecret,
                token.text("accessToken"));
    }

    /** The whole tutorial as admin, with the given backend endpoint. */
    public static Result run(Rest admin, String endpoint) {
        String apiId = createApi(admin, "EchoWebSocket", "/echowebsocket", "1.0", endpoint, List.of("Gold", "Silver"));
        publish(admin, apiId);
        String applicationId = createApplication(admin, "EchoApp");
        subscribe(admin, applicationId, apiId, "Gold");
        return keysAndToken(admin, apiId, applicationId);
    }
}
