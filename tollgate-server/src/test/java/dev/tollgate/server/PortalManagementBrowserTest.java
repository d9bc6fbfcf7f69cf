package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;

import dev.tollgate.model.QuotaAction;
import dev.tollgate.model.ThrottlePolicy;
import dev.tollgate.server.runtime.RuntimeState;
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
        browser.click("delete-Gold").confirm(true);
        assertThat(browser.text("page-error")).contains("Gold").contains("in use");
        assertThat(browser.has("policy-Gold")).isTrue();
        browser.click("delete-Unlimited").confirm(true);
        assertThat(browser.text("page-error")).contains("built in");

        // Dismissing the question keeps the plan; confirming deletes it, in the snapshot too.
        browser.click("delete-Platinum").confirm(false);
        assertThat(browser.has("policy-Platinum")).isTrue();
        browser.click("delete-Platinum").confirm(true);
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
}
