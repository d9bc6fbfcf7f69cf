package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.tollgate.model.QuotaAction;
import dev.tollgate.model.SubscriptionStatus;
import dev.tollgate.model.ThrottlePolicy;
import dev.tollgate.server.runtime.RuntimeState;
import dev.tollgate.server.subscription.SubscriptionService;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.Tutorial;
import dev.tollgate.server.user.Role;
import dev.tollgate.server.user.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The management pages in Chromium: an admin's plans, a publisher blocking a subscription, and a developer's
 * application page with its keys. Each change is checked where the gateways read it, the runtime snapshot.
 */
class PortalManagementBrowserTest extends AbstractBrowserTest {

    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Role.class));

    private String apiId;
    private String applicationId;

    @BeforeAll
    void publishAnApiWithASubscriber() {
        UserService users = server.bean(UserService.class);
        users.create("paula", "paula-secret", EnumSet.of(Role.PUBLISHER));
        users.create("dora", "dora-secret", EnumSet.of(Role.SUBSCRIBER));
        Rest admin = server.rest("admin", "admin");
        apiId = Tutorial.createApi(admin, "StockFeed", "/stocks", "1.0", "ws://localhost:1/stocks",
                List.of("Gold", "Silver"));
        Tutorial.publish(admin, apiId);
        Rest dora = server.rest("dora", "dora-secret");
        applicationId = Tutorial.createApplication(dora, "DoraApp");
        Tutorial.subscribe(dora, applicationId, apiId, "Gold");
    }

    @AfterEach
    void signOut() {
        browser.signOut();
    }

    @Test
    void adminCreatesEditsAndDeletesPlans() {
        browser.signIn("admin", "admin").go("/admin");
        browser.follow("add-subscription");
        browser.type("name", "Platinum").type("displayName", "Platinum plan").type("limit", "lots");
        new Select(browser.find("quotaType")).selectByValue("BANDWIDTH");
        new Select(browser.find("dataUnit")).selectByValue("MB");
        browser.follow("save-policy");
        assertThat(browser.text("limit-error")).startsWith("defaultLimit: \"lots\"");
        assertThat(browser.find("limit").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("name").getAttribute("value")).as("the form keeps what was typed").isEqualTo("Platinum");
        browser.screenshot("17-admin-plan-form");

        browser.type("limit", "500").type("rateLimitCount", "20");
        new Select(browser.find("rateLimitTimeUnit")).selectByValue("sec");
        new Select(browser.find("onQuotaExceeded")).selectByValue("CLOSE_CONNECTION");
        browser.follow("save-policy");
        assertThat(browser.text("policy-saved")).contains("Platinum").contains("created");
        assertThat(browser.text("policy-Platinum")).contains("Platinum plan").contains("500 MB per min")
                .contains("20 per sec").contains("Close (4008)");
        ThrottlePolicy runtime = server.bean(RuntimeState.class).current().policy("Platinum").orElseThrow();
        assertThat(runtime.limit()).isEqualTo(500L * 1024 * 1024);
        assertThat(runtime.burstLimit()).isEqualTo(20);
        assertThat(runtime.onQuotaExceeded()).isEqualTo(QuotaAction.CLOSE_CONNECTION);

        // Edit: the name is fixed; the new numbers reach the snapshot.
        browser.follow("edit-Platinum");
        assertThat(browser.has("name")).isFalse();
        assertThat(browser.find("limit").getAttribute("value")).isEqualTo("500");
        browser.type("limit", "600").click("stopOnQuotaReach");
        new Select(browser.find("onQuotaExceeded")).selectByValue("DROP_FRAME");
        browser.follow("save-policy");
        assertThat(browser.text("policy-Platinum")).contains("600 MB per min").contains("Allowed through");
        ThrottlePolicy edited = server.bean(RuntimeState.class).current().policy("Platinum").orElseThrow();
        assertThat(edited.limit()).isEqualTo(600L * 1024 * 1024);
        assertThat(edited.stopOnQuotaReach()).isFalse();

        // Gold is in use by StockFeed and DoraApp's subscription: the service's refusal is shown.
        browser.followConfirmed("delete-Gold");
        assertThat(browser.text("page-error")).contains("Gold").contains("in use");
        assertThat(browser.has("policy-Gold")).isTrue();
        browser.followConfirmed("delete-Unlimited");
        assertThat(browser.text("page-error")).contains("built in");

        // Dismissing the question keeps the plan; confirming deletes it, in the snapshot too.
        browser.click("delete-Platinum").confirm(false);
        assertThat(browser.has("policy-Platinum")).isTrue();
        browser.followConfirmed("delete-Platinum");
        assertThat(browser.text("policy-deleted")).contains("Platinum");
        assertThat(browser.has("policy-Platinum")).isFalse();
        assertThat(server.bean(RuntimeState.class).current().policy("Platinum")).isEmpty();

        // The other levels have their own forms.
        browser.follow("add-advanced");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("API-level");
        browser.type("name", "Shared1K").type("limit", "1000").follow("save-policy");
        assertThat(browser.text("api-policies")).contains("Shared1K").contains("1000 requests per min");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void publisherBlocksAndUnblocksASubscription() {
        String subscriptionId = server.bean(SubscriptionService.class).ofApiForPublisher(apiId, ADMIN).get(0).id();
        browser.signIn("paula", "paula-secret").go("/publisher/apis/" + apiId).follow("tab-subscriptions");
        assertThat(browser.text("api-subscription-table")).contains("DoraApp").contains("dora").contains("Gold");
        assertThat(statusShown(subscriptionId)).isEqualTo("Active");
        assertThat(browser.has("unblock-" + subscriptionId)).isFalse();

        browser.click("block-" + subscriptionId).confirm(false);
        assertThat(statusShown(subscriptionId)).as("dismissed: nothing changes").isEqualTo("Active");
        browser.followConfirmed("block-" + subscriptionId);
        assertThat(browser.text("subscription-changed")).contains("blocked");
        assertThat(statusShown(subscriptionId)).isEqualTo("Blocked");
        assertThat(runtimeStatus()).isEqualTo(SubscriptionStatus.BLOCKED);
        browser.screenshot("18-publisher-subscriptions");

        browser.followConfirmed("block-production-" + subscriptionId);
        assertThat(statusShown(subscriptionId)).isEqualTo("Production blocked");
        assertThat(runtimeStatus()).isEqualTo(SubscriptionStatus.PROD_ONLY_BLOCKED);

        browser.follow("unblock-" + subscriptionId);
        assertThat(browser.text("subscription-changed")).contains("unblocked");
        assertThat(statusShown(subscriptionId)).isEqualTo("Active");
        assertThat(runtimeStatus()).isEqualTo(SubscriptionStatus.UNBLOCKED);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private String statusShown(String subscriptionId) {
        return browser.find("subscription-" + subscriptionId).findElement(By.className("subscription-status")).getText();
    }

    private SubscriptionStatus runtimeStatus() {
        return server.bean(RuntimeState.class).current().subscription(applicationId, apiId).orElseThrow().status();
    }

    @Test
    void developerEditsAnApplicationAndRotatesItsKeys() {
        Rest dora = server.rest("dora", "dora-secret");
        String workId = Tutorial.createApplication(dora, "DoraWork");
        Tutorial.subscribe(dora, workId, apiId, "Silver");
        browser.signIn("dora", "dora-secret").follow("nav-applications").followLink("DoraWork");
        assertThat(browser.text("application-subscription-table")).contains("StockFeed 1.0").contains("Silver");
        assertThat(browser.text("no-keys")).contains("no keys yet");

        // Edit: a refusal beside the field, then the change reaches the snapshot.
        browser.type("app-name", " ").follow("save-application");
        assertThat(browser.text("app-name-error")).startsWith("name: \"\"");
        browser.type("app-name", "DoraFeed").type("app-description", "Dora's <b>feed</b>");
        new Select(browser.find("app-plan")).selectByValue("10PerMin");
        browser.follow("save-application");
        assertThat(browser.text("application-saved")).contains("saved");
        assertThat(browser.text("application-name")).isEqualTo("DoraFeed");
        assertThat(browser.find("app-description").getAttribute("value")).isEqualTo("Dora's <b>feed</b>");
        var runtimeApp = server.bean(RuntimeState.class).current().applications().get(workId);
        assertThat(runtimeApp.name()).isEqualTo("DoraFeed");
        assertThat(runtimeApp.plan()).isEqualTo("10PerMin");

        // Keys: generated on the page, the secret shown once.
        browser.follow("generate-keys");
        String firstSecret = browser.find("new-secret").getAttribute("value");
        String consumerKey = browser.find("consumer-key-PRODUCTION").getAttribute("value");
        assertThat(firstSecret).hasSize(32);
        assertThat(browser.text("grant-types-PRODUCTION")).contains("client_credentials");
        String oldToken = token(firstSecret, "600");
        assertThat(browser.text("token-validity")).isEqualTo("600");
        browser.go("/devportal/applications/" + workId);
        assertThat(browser.has("new-secret")).as("the secret is shown once").isFalse();

        // A wrong secret is refused on the token form.
        browser.type("consumerSecret-PRODUCTION", "not-the-secret").follow("generate-token-PRODUCTION");
        assertThat(browser.text("form-error")).contains("does not match");

        // REGENERATE SECRET: the old token is revoked, the new secret issues tokens.
        browser.click("regenerate-secret-PRODUCTION").confirm(false);
        assertThat(browser.has("secret-shown")).isFalse();
        browser.followConfirmed("regenerate-secret-PRODUCTION");
        assertThat(browser.text("secret-shown")).contains("revoked");
        String newSecret = browser.find("new-secret").getAttribute("value");
        assertThat(newSecret).isNotEqualTo(firstSecret);
        browser.screenshot("19-application-keys");
        assertThat(active(consumerKey, newSecret, oldToken)).as("the token issued with the old secret").isFalse();
        String newToken = token(newSecret, "");
        assertThat(active(consumerKey, newSecret, newToken)).isTrue();

        // DELETE KEYS: gone from the snapshot; GENERATE KEYS is offered again.
        browser.followConfirmed("delete-keys-PRODUCTION");
        assertThat(browser.text("keys-deleted")).contains("deleted");
        assertThat(browser.has("generate-keys")).isTrue();
        assertThat(server.bean(RuntimeState.class).current().keyMapping(consumerKey)).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private String token(String secret, String validity) {
        browser.type("consumerSecret-PRODUCTION", secret).type("validityPeriod-PRODUCTION", validity)
                .follow("generate-token-PRODUCTION");
        return browser.find("access-token").getAttribute("value");
    }

    private boolean active(String consumerKey, String secret, String token) {
        Rest.Response introspected = server.anonymous().postForm("/oauth2/introspect", consumerKey, secret,
                Map.of("token", token));
        assertThat(introspected.status()).as(introspected.body()).isEqualTo(200);
        return introspected.json().path("active").asBoolean();
    }
}
