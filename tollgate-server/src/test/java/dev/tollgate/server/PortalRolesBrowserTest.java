package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;

import dev.tollgate.model.LifecycleAction;
import dev.tollgate.server.api.Api;
import dev.tollgate.server.api.ApiDraft;
import dev.tollgate.server.api.ApiService;
import dev.tollgate.server.api.LifecycleService;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.user.Role;
import dev.tollgate.server.user.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.Select;

/** What each role sees in the portals, sign-up, login throttling and escaping, in Chromium. */
class PortalRolesBrowserTest extends AbstractBrowserTest {

    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Role.class));
    private static final String SCRIPT_NAME = "<script>alert(1)</script>";


    @BeforeAll
    void createUsers() {
        UserService users = server.bean(UserService.class);
        users.create("carol", "carol-secret", EnumSet.of(Role.CREATOR));
        users.create("sam", "sam-secret", EnumSet.of(Role.SUBSCRIBER));
        users.create("lockme", "lockme-secret", EnumSet.of(Role.SUBSCRIBER));
        users.create("pat", "pat-secret", EnumSet.of(Role.SUBSCRIBER));
    }

    @AfterEach
    void signOut() {
        browser.signOut();
    }


    @Test
    void creatorSeesCreateButNeitherCreateAndPublishNorLifecycleButtons() {
        browser.signIn("carol", "carol-secret").go("/publisher");
        assertThat(browser.find("create-api").getText()).isEqualTo("CREATE API");
        browser.follow("create-api");
        assertThat(browser.has("create")).isTrue();
        assertThat(browser.has("create-publish")).isFalse();

        // A refused form keeps what was typed and says what is wrong beside the field.
        browser.type("name", "CarolApi").type("context", "/carol").type("version", "1 0")
                .type("endpoint", "ws://localhost:1/carol");
        new Select(browser.find("policies")).selectByValue("Gold");
        browser.follow("create");
        assertThat(browser.text("version-error")).startsWith("version: \"1 0\"");
        assertThat(browser.find("name").getAttribute("value")).isEqualTo("CarolApi");
        assertThat(browser.find("version").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("10-inline-validation");
        browser.type("version", "1.0").follow("create");
        assertThat(browser.text("overview-state")).isEqualTo("Created");

        browser.follow("tab-lifecycle");
        assertThat(browser.has("lifecycle-actions")).isFalse();
        assertThat(browser.has("lifecycle-publish")).isFalse();
        assertThat(browser.text("lifecycle-no-role")).contains("publisher role");

        // Edit: the design form again, filled in; the change shows on the overview.
        browser.follow("tab-overview").follow("edit-api");
        assertThat(browser.find("name").getAttribute("value")).isEqualTo("CarolApi");
        browser.type("description", "Carol's API");
        new Select(browser.find("apiPolicy")).selectByValue("10KPerMin");
        browser.follow("save");
        assertThat(browser.text("overview-description")).isEqualTo("Carol's API");
        assertThat(browser.text("overview-api-plan")).isEqualTo("10KPerMin");
        assertThat(browser.text("overview-plans")).as("the edit kept the business plans").isEqualTo("Gold");

        // Delete asks first: dismissing keeps the API, confirming removes it.
        browser.click("delete-api").confirm(false);
        assertThat(browser.text("api-name")).isEqualTo("CarolApi");
        browser.click("delete-api").confirm(true);
        assertThat(browser.text("api-deleted")).contains("deleted");
        assertThat(browser.driver().findElements(By.linkText("CarolApi"))).isEmpty();

        browser.go("/admin");
        assertThat(browser.text("error-message")).contains("Your roles do not give you access");
    }

    @Test
    void subscriberGetsNoPublisherNorAdmin() {
        browser.signIn("sam", "sam-secret");
        assertThat(browser.path()).isEqualTo("/devportal");
        assertThat(browser.driver().findElements(By.linkText("Publisher"))).isEmpty();
        browser.go("/publisher");
        assertThat(browser.text("error-message")).contains("Your roles do not give you access");
        browser.screenshot("11-subscriber-forbidden-publisher");
        browser.go("/publisher/apis/new");
        assertThat(browser.has("api-form")).isFalse();
        browser.go("/admin/users");
        assertThat(browser.has("user-table")).isFalse();
        assertThat(browser.text("error-message")).contains("Your roles do not give you access");
    }

    @Test
    void apiNamedLikeAScriptIsShownAsText() {
        Api api = server.bean(ApiService.class).create(new ApiDraft(SCRIPT_NAME, "/xss", "1.0",
                "<img src=x onerror=alert(2)>", "ws://localhost:1/xss", null, List.of("Gold"), null), ADMIN);
        server.bean(LifecycleService.class).change(api.id(), LifecycleAction.PUBLISH.displayName(), ADMIN);

        browser.signIn("admin", "admin").go("/publisher");
        assertThat(browser.driver().findElements(By.linkText(SCRIPT_NAME))).as("the name as a link's text").hasSize(1);
        browser.followLink(SCRIPT_NAME);
        assertThat(browser.text("api-name")).isEqualTo(SCRIPT_NAME);
        assertNoAlertAndNoInjectedMarkup();

        browser.go("/devportal");
        assertThat(browser.driver().findElements(By.cssSelector("#api-cards .api-card-link")))
                .extracting(link -> link.getText()).contains(SCRIPT_NAME);
        browser.go("/devportal/apis/" + api.id());
        assertThat(browser.text("api-name")).isEqualTo(SCRIPT_NAME);
        assertThat(browser.driver().findElement(By.cssSelector("p.lead")).getText())
                .isEqualTo("<img src=x onerror=alert(2)>");
        assertNoAlertAndNoInjectedMarkup();
        browser.screenshot("12-script-name-shown-as-text");
    }

    @Test
    void fiveFailedSignInsLockTheUsernameFromThisAddress() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            browser.go("/login").submitLogin("lockme", "wrong-" + attempt);
            assertThat(browser.text("login-problem")).isEqualTo("Incorrect username or password.");
        }
        browser.go("/login").submitLogin("lockme", "wrong-5");
        assertThat(browser.text("login-problem")).startsWith("Too many failed sign-ins");
        // Locked: even the right password is refused for now.
        browser.go("/login").submitLogin("lockme", "lockme-secret");
        assertThat(browser.text("login-problem")).startsWith("Too many failed sign-ins");
        assertThat(browser.has("sign-out")).isFalse();
        browser.screenshot("13-sign-in-locked");
        // Other users are not affected.
        browser.go("/login").submitLogin("sam", "sam-secret");
        assertThat(browser.has("sign-out")).isTrue();
    }

    @Test
    void signUpCreatesASubscriberWhoManagesApplications() {
        browser.go("/devportal").follow("sign-in");
        browser.go("/devportal/signup");
        browser.type("username", "dave").type("password", "dave-secret").type("confirmPassword", "dave-other")
                .follow("sign-up-submit");
        assertThat(browser.text("confirmPassword-error")).contains("differ");
        browser.type("password", "dave-secret").type("confirmPassword", "dave-secret").follow("sign-up-submit");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(server.bean(UserService.class).roles("dave")).containsExactly(Role.SUBSCRIBER);

        browser.submitLogin("dave", "dave-secret");
        browser.follow("nav-applications");
        assertThat(browser.text("no-applications")).contains("no applications yet");
        browser.type("app-name", "DaveApp");
        new Select(browser.find("app-token-type")).selectByVisibleText("OAuth (opaque, checked with the key manager)");
        browser.follow("create-application");
        assertThat(browser.text("application-table")).contains("DaveApp").contains("OAuth").contains("No keys yet");
        browser.screenshot("14-applications");
        browser.driver().findElement(By.cssSelector("#application-table .button.danger")).click();
        browser.confirm(true);
        assertThat(browser.text("no-applications")).contains("no applications yet");
        browser.follow("nav-subscriptions");
        assertThat(browser.text("no-subscriptions")).contains("None of your applications");
    }

    @Test
    void adminListsPlansAndCreatesUsersWithRoles() {
        browser.signIn("admin", "admin").go("/admin");
        assertThat(browser.text("subscription-policies")).contains("Gold").contains("Silver");
        assertThat(browser.text("application-policies")).contains("10PerMin");
        assertThat(browser.text("default-admin-password")).contains("default password");
        browser.follow("nav-users");
        browser.type("new-username", "x").type("new-password", "erin-secret").click("role-CREATOR").follow("create-user");
        assertThat(browser.text("new-username-error")).startsWith("username: \"x\"");
        browser.type("new-username", "erin").type("new-password", "erin-secret").click("role-PUBLISHER")
                .follow("create-user");
        assertThat(browser.text("user-created")).contains("created");
        assertThat(browser.text("user-table")).contains("erin");
        assertThat(server.bean(UserService.class).roles("erin")).containsExactlyInAnyOrder(Role.CREATOR, Role.PUBLISHER);
        browser.screenshot("15-admin-users");
    }

    @Test
    void usersChangeTheirOwnPassword() {
        browser.signIn("pat", "pat-secret").follow("account");
        browser.type("currentPassword", "not-it").type("newPassword", "pat-new-secret")
                .type("confirmPassword", "pat-new-secret").follow("change-password");
        assertThat(browser.text("currentPassword-error")).startsWith("currentPassword:");
        browser.type("currentPassword", "pat-secret").type("newPassword", "pat-new-secret")
                .type("confirmPassword", "pat-new-secret").follow("change-password");
        assertThat(browser.text("password-changed")).contains("changed");
        browser.signOut().signIn("pat", "pat-new-secret");
        assertThat(browser.has("sign-out")).isTrue();
    }

    @Test
    void pagesFitAPhoneScreen() {
        Api api = server.bean(ApiService.class).create(new ApiDraft("PhoneApi", "/phone", "1.0", null,
                "ws://localhost:1/phone", null, List.of("Gold", "Silver"), null), ADMIN);
        server.bean(LifecycleService.class).change(api.id(), LifecycleAction.PUBLISH.displayName(), ADMIN);
        browser.signIn("admin", "admin");
        Dimension desktop = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("/publisher", "/publisher/apis/new", "/publisher/apis/" + api.id() + "/lifecycle",
                    "/publisher/apis/" + api.id() + "/subscriptions", "/devportal", "/devportal/apis/" + api.id(),
                    "/admin", "/admin/policies/subscription/new", "/admin/users")) {
                browser.go(page);
                assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("%s has no horizontal scrolling", page).isEqualTo(true);
            }
            browser.screenshot("16-admin-users-on-a-phone");
        } finally {
            browser.driver().manage().window().setSize(desktop);
        }
    }

    private void assertNoAlertAndNoInjectedMarkup() {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.script("return document.querySelectorAll('main script, main img').length")).isEqualTo(0L);
    }
}
