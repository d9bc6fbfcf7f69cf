package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.tollgate.model.SubscriptionStatus;
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

/** Who may do what through the REST APIs: each role, and each user's ownership of applications and keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesTest {

    private TestServer server;
    private Rest admin;
    private Rest anonymous;
    private Rest subscriber;
    private Rest otherSubscriber;
    private Rest creator;
    private Rest publisher;
    private String apiId;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        UserService users = server.bean(UserService.class);
        users.create("sam", "sam-secret", EnumSet.of(Role.SUBSCRIBER));
        users.create("olga", "olga-secret", EnumSet.of(Role.SUBSCRIBER));
        users.create("carl", "carl-secret", EnumSet.of(Role.CREATOR));
        users.create("pia", "pia-secret", EnumSet.of(Role.PUBLISHER));
        admin = server.rest("admin", "admin");
        anonymous = server.anonymous();
        subscriber = server.rest("sam", "sam-secret");
        otherSubscriber = server.rest("olga", "olga-secret");
        creator = server.rest("carl", "carl-secret");
        publisher = server.rest("pia", "pia-secret");
        apiId = Tutorial.createApi(admin, "Rules", "/rules", "1", "ws://localhost:1/", List.of("Gold"));
        Tutorial.publish(admin, apiId);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void anonymousCallersSeeOnlyTheCatalogue() {
        assertThat(anonymous.get("/api/am/devportal/v3/apis").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/openapi.yaml").body()).startsWith("openapi: 3.0.3");
        assertThat(anonymous.get("/api/am/publisher/v4/apis").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/am/devportal/v3/applications").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/am/admin/v4/throttling/policies/subscription").status()).isEqualTo(401);
        assertThat(server.rest("admin", "wrong").get("/api/am/publisher/v4/apis").status()).isEqualTo(401);
    }

    @Test
    void aSubscriberUsesTheDevPortalOnly() {
        assertThat(subscriber.get("/api/am/publisher/v4/apis").status()).isEqualTo(403);
        assertThat(subscriber.get("/api/am/admin/v4/throttling/policies/subscription").status()).isEqualTo(403);
        assertThat(subscriber.post("/api/am/publisher/v4/apis/change-lifecycle?apiId=" + apiId + "&action=Block", "")
                .status()).isEqualTo(403);
        String appId = Tutorial.createApplication(subscriber, "SamApp");
        Tutorial.subscribe(subscriber, appId, apiId, "Gold");
    }

    @Test
    void nobodySeesAnotherUsersApplicationsKeysOrSubscriptions() {
        String appId = Tutorial.createApplication(subscriber, "Private");
        Tutorial.Result keys = Tutorial.keysAndToken(subscriber, apiId, appId);
        Tutorial.subscribe(subscriber, appId, apiId, "Gold");

        assertThat(otherSubscriber.get("/api/am/devportal/v3/applications").json().path("count").asInt()).isZero();
        assertThat(otherSubscriber.get("/api/am/devportal/v3/applications/" + appId).status()).isEqualTo(404);
        assertThat(otherSubscriber.delete("/api/am/devportal/v3/applications/" + appId).status()).isEqualTo(404);
        assertThat(otherSubscriber.get("/api/am/devportal/v3/applications/" + appId + "/oauth-keys").status())
                .isEqualTo(404);
        assertThat(otherSubscriber.post("/api/am/devportal/v3/applications/" + appId + "/oauth-keys/"
                + keys.keyMappingId() + "/generate-token", Map.of("consumerSecret", keys.consumerSecret())).status())
                .isEqualTo(404);
        assertThat(otherSubscriber.get("/api/am/devportal/v3/subscriptions?applicationId=" + appId).status())
                .isEqualTo(404);
        assertThat(otherSubscriber.post("/api/am/devportal/v3/subscriptions",
                Map.of("applicationId", appId, "apiId", apiId, "throttlingPolicy", "Gold")).status()).isEqualTo(404);
        assertThat(admin.get("/api/am/devportal/v3/applications/" + appId).status()).isEqualTo(404);
        assertThat(subscriber.get("/api/am/devportal/v3/applications/" + appId).status()).isEqualTo(200);
    }

    @Test
    void aCreatorCreatesButDoesNotChangeLifecycles() {
        String created = Tutorial.createApi(creator, "CarlsApi", "/carl", "1", "ws://localhost:1/", List.of("Gold"));
        Rest.Response publish = creator.post("/api/am/publisher/v4/apis/change-lifecycle?apiId=" + created
                + "&action=Publish", "");
        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.text("description")).contains("publisher");
        assertThat(creator.get("/api/am/devportal/v3/applications").status()).isEqualTo(403);
        assertThat(creator.get("/api/am/admin/v4/throttling/policies/subscription").status()).isEqualTo(403);
        assertThat(admin.get("/api/am/publisher/v4/apis/" + created).text("lifeCycleStatus")).isEqualTo("Created");
    }

    @Test
    void aPublisherChangesLifecyclesAndBlocksSubscriptions() {
        String created = Tutorial.createApi(admin, "PiasApi", "/pia", "1", "ws://localhost:1/", List.of("Gold"));
        assertThat(publisher.post("/api/am/publisher/v4/apis", Map.of("name", "X", "context", "/x", "version", "1"))
                .status()).isEqualTo(403);
        Tutorial.publish(publisher, created);
        String appId = Tutorial.createApplication(subscriber, "Blockable");
        Tutorial.subscribe(subscriber, appId, created, "Gold");
        String subscriptionId = publisher.get("/api/am/publisher/v4/subscriptions?apiId=" + created).json()
                .path("list").get(0).path("subscriptionId").asString();

        Rest.Response blocked = publisher.post("/api/am/publisher/v4/subscriptions/block-subscription?subscriptionId="
                + subscriptionId + "&blockState=BLOCKED", "");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(200);
        assertThat(server.bean(RuntimeState.class).current().subscription(appId, created).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.BLOCKED);
        assertThat(subscriber.post("/api/am/publisher/v4/subscriptions/unblock-subscription?subscriptionId="
                + subscriptionId, "").status()).isEqualTo(403);
        assertThat(publisher.post("/api/am/publisher/v4/subscriptions/unblock-subscription?subscriptionId="
                + subscriptionId, "").status()).isEqualTo(200);
        assertThat(server.bean(RuntimeState.class).current().subscription(appId, created).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.UNBLOCKED);
    }

    @Test
    void regeneratingTheSecretRevokesTheTokensIssuedWithTheOldOne() {
        String appId = Tutorial.createApplication(subscriber, "Rotating");
        Tutorial.Result keys = Tutorial.keysAndToken(subscriber, apiId, appId);
        Rest.Response rotated = subscriber.post("/api/am/devportal/v3/applications/" + appId + "/oauth-keys/"
                + keys.keyMappingId() + "/regenerate-secret", "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(server.bean(RuntimeState.class).current().revokedTokenIds()).contains(jti(keys.accessToken()));
        assertThat(anonymous.postForm("/oauth2/token", keys.consumerKey(), keys.consumerSecret(),
                Map.of("grant_type", "client_credentials")).status()).isEqualTo(401);
        assertThat(anonymous.postForm("/oauth2/token", keys.consumerKey(), rotated.text("consumerSecret"),
                Map.of("grant_type", "client_credentials")).status()).isEqualTo(200);
    }

    @Test
    void deletingAnApplicationRevokesItsTokensAndForgetsItsKeys() {
        String appId = Tutorial.createApplication(subscriber, "Doomed");
        Tutorial.Result keys = Tutorial.keysAndToken(subscriber, apiId, appId);
        assertThat(subscriber.delete("/api/am/devportal/v3/applications/" + appId).status()).isEqualTo(200);
        var snapshot = server.bean(RuntimeState.class).current();
        assertThat(snapshot.revokedTokenIds()).contains(jti(keys.accessToken()));
        assertThat(snapshot.keyMapping(keys.consumerKey())).isEmpty();
        assertThat(anonymous.postForm("/oauth2/token", keys.consumerKey(), keys.consumerSecret(),
                Map.of("grant_type", "client_credentials")).status()).isEqualTo(401);
    }

    private static String jti(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyUserChangesTheirOwnPasswordOnly() {
        server.bean(UserService.class).create("rita", "rita-secret", EnumSet.of(Role.CREATOR));
        Rest rita = server.rest("rita", "rita-secret");
        assertThat(rita.get("/api/am/devportal/v3/me").json().path("roles").toString()).contains("creator");
        Rest.Response wrong = rita.post("/api/am/devportal/v3/me/change-password",
                Map.of("currentPassword", "nope", "newPassword", "rita-new-secret"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("description")).startsWith("currentPassword");
        Rest.Response tooShort = rita.post("/api/am/devportal/v3/me/change-password",
                Map.of("currentPassword", "rita-secret", "newPassword", "x"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(rita.post("/api/am/devportal/v3/me/change-password",
                Map.of("currentPassword", "rita-secret", "newPassword", "rita-new-secret")).status()).isEqualTo(200);
        assertThat(rita.get("/api/am/devportal/v3/me").status()).isEqualTo(401);
        assertThat(server.rest("rita", "rita-new-secret").get("/api/am/devportal/v3/me").status()).isEqualTo(200);
        assertThat(server.bean(UserService.class).defaultAdminPasswordInUse()).isTrue();
    }
}
