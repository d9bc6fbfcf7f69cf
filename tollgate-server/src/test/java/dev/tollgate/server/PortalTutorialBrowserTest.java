package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.runtime.SampleBackend;
import dev.tollgate.server.support.Wscat;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The tutorial "Create and Publish a WebSocket API" clicked through in Chromium as admin: design EchoWebSocket,
 * configure its endpoint, publish it, get an access token with the Developer Portal's KEY GENERATION WIZARD, and
 * send a message through the real gateway to the bundled echo backend from the Try out console.
 */
class PortalTutorialBrowserTest extends AbstractBrowserTest {




    @Test
    void tutorialInTheBrowser() {
        // Step 1: sign in to the Publisher; the sign-in page sends admin back to /publisher.
        browser.go("/publisher");
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("01-sign-in");
        browser.submitLogin("admin", "admin");
        assertThat(browser.path()).isEqualTo("/publisher");
        assertThat(browser.text("no-apis")).contains("No APIs yet");

        // CREATE API -> Design a New WebSocket API, with the bundled echo backend the hint names.
        browser.follow("create-api");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Design a New WebSocket API");
        String echoUrl = browser.text("echo-url");
        assertThat(echoUrl).as("the running echo backend").isEqualTo(server.bean(SampleBackend.class).wsUrl().orElseThrow());
        browser.type("name", "EchoWebSocket").type("context", "/echowebsocket").type("version", "1.0");
        assertThat(browser.find("create-publish").isEnabled()).as("CREATE & PUBLISH waits for endpoint and plan")
                .isFalse();
        browser.type("endpoint", echoUrl);
        Select plans = new Select(browser.find("policies"));
        plans.selectByValue("Gold");
        plans.selectByValue("Silver");
        assertThat(browser.find("create-publish").isEnabled()).isTrue();
        browser.screenshot("02-design-websocket-api");
        browser.follow("create");

        // The overview of the created API.
        assertThat(browser.text("overview-state")).isEqualTo("Created");
        assertThat(browser.text("overview-context")).isEqualTo("/echowebsocket");
        assertThat(browser.text("overview-version")).isEqualTo("1.0");
        assertThat(browser.text("overview-endpoint")).isEqualTo(echoUrl);
        assertThat(browser.text("overview-plans")).isEqualTo("Gold, Silver");
        assertThat(browser.text("overview-ws")).isEqualTo(server.gatewayUrls().ws("/echowebsocket/1.0"));
        assertThat(browser.text("overview-wss")).isEqualTo(server.gatewayUrls().wss("/echowebsocket/1.0"));
        browser.screenshot("03-api-overview");

        // Endpoint -> Endpoint Advanced Configurations: a wrong value is refused beside its field, then saved.
        browser.follow("tab-endpoint").click("open-advanced");
        browser.type("actionDuration", "30000").type("suspendErrorCode", "101503, 101504")
                .type("suspendDuration", "1000").type("suspendMaxDuration", "abc").type("retryTimeOut", "3");
        browser.screenshot("04-endpoint-advanced-configurations");
        browser.follow("save-advanced");
        assertThat(browser.text("suspendMaxDuration-error")).contains("suspendMaxDuration").contains("abc");
        assertThat(browser.find("advanced-dialog").getAttribute("open")).isNotNull();
        browser.type("suspendMaxDuration", "60000").follow("save-advanced");
        assertThat(browser.text("advanced-saved")).contains("saved");
        assertThat(browser.text("summary-duration")).isEqualTo("30000");
        assertThat(browser.text("summary-suspend-codes")).isEqualTo("101503, 101504");
        assertThat(browser.text("summary-retries")).isEqualTo("3");
        browser.click("open-advanced");
        assertThat(browser.find("retryTimeOut").getAttribute("value")).isEqualTo("3");
        assertThat(browser.find("suspendMaxDuration").getAttribute("value")).isEqualTo("60000");
        browser.driver().findElement(By.cssSelector("#advanced-dialog [data-dialog-close]")).click();

        // Step 2: LIFECYCLE -> PUBLISH.
        browser.follow("tab-lifecycle");
        assertThat(browser.text("lifecycle-state")).isEqualTo("Created");
        assertThat(browser.text("lifecycle-publish")).isEqualTo("PUBLISH");
        browser.screenshot("05-lifecycle");
        browser.follow("lifecycle-publish");
        assertThat(browser.text("lifecycle-state")).isEqualTo("Published");
        assertThat(browser.text("lifecycle-history")).contains("Publish").contains("admin");

        // Step 3: the Developer Portal lists the API; its page shows the gateway URLs and the wscat commands.
        browser.go("/devportal");
        browser.screenshot("06-devportal-catalogue");
        browser.type("query", "nothing-like-it").follow("search");
        assertThat(browser.text("no-apis")).contains("No API matches");
        browser.type("query", "echo").follow("search");
        browser.followLink("EchoWebSocket");
        String wsUrl = server.gatewayUrls().ws("/echowebsocket/1.0");
        String wssUrl = server.gatewayUrls().wss("/echowebsocket/1.0");
        assertThat(browser.text("api-ws-url")).isEqualTo(wsUrl);
        assertThat(browser.text("api-wss-url")).isEqualTo(wssUrl);
        assertThat(browser.text("api-plans")).contains("Gold").contains("Silver");
        assertThat(browser.text("wscat-ws-header"))
                .isEqualTo("wscat -c " + wsUrl + " -H \"Authorization: Bearer [accesstoken]\"");
        assertThat(browser.text("wscat-wss-query"))
                .isEqualTo("wscat -n -c \"" + wssUrl + "?access_token=[accesstoken]\"");

        // The KEY GENERATION WIZARD: application, subscription, keys, token, each step swapped in by htmx.
        assertThat(browser.script("return typeof htmx")).as("htmx is served by Tollgate").isEqualTo("object");
        browser.script("window.wizardPageMarker = true");
        browser.type("wizard-app-name", "EchoApp").click("wizard-next-1");
        new Select(browser.find("wizard-plan")).selectByValue("Gold");
        browser.screenshot("07-wizard-subscribe");
        browser.click("wizard-next-2");
        browser.click("wizard-next-3");
        assertThat(browser.find("wizard-consumer-key").getAttribute("value")).hasSize(28);
        browser.click("wizard-next-4");
        String token = browser.find("wizard-token").getAttribute("value");
        assertThat(token.split("\\.")).as("a signed JWT").hasSize(3);
        assertThat(browser.find("wizard-token").getAttribute("readonly")).isNotNull();
        browser.click("copy-token");
        browser.waitForAttribute("copy-token", "data-copied", "true");
        browser.screenshot("08-wizard-access-token");
        assertThat(browser.script("return window.wizardPageMarker === true")).as("no full page reload").isEqualTo(true);

        // The token went to the commands and the Try out console.
        assertThat(browser.text("wscat-ws-query")).isEqualTo("wscat -c \"" + wsUrl + "?access_token=" + token + "\"");
        assertThat(browser.find("tryout-token").getAttribute("value")).isEqualTo(token);

        // The command as the page shows it, token included, run by the real wscat: the echo comes back.
        for (String command : new String[] {"wscat-ws-header", "wscat-ws-query"}) {
            Wscat.Run run = Wscat.run(browser.text(command), "Hello from wscat", 2);
            assertThat(run.echoed("Hello from wscat")).as("%s printed:%n%s", command, run.output()).isTrue();
        }

        // Step 4: Try out through the real gateway: the echo backend answers what the browser sends.
        assertThat(new Select(browser.find("tryout-url")).getFirstSelectedOption().getText()).isEqualTo(wsUrl);
        browser.click("tryout-connect").waitForText("tryout-log", "Connected.");
        browser.type("tryout-message", "Hello from Chromium").click("tryout-send");
        browser.waitForText("tryout-log", "< Hello from Chromium");
        browser.screenshot("09-try-out-echo");
        browser.click("tryout-disconnect").waitForText("tryout-log", "Closed: code 1000");
        assertThat(browser.consoleErrors()).as("no script errors or Content-Security-Policy violations").isEmpty();
        // A token the gateway does not accept: the handshake is refused and the console says how it ended.
        browser.type("tryout-token", "not-a-token").click("tryout-connect");
        browser.waitForText("tryout-log", "Closed: code 1006");
        assertThat(browser.text("tryout-status")).isEqualTo("Not connected");
        assertThat(browser.consoleErrors()).as("only the browser's own report of the refused handshake")
                .allMatch(message -> message.contains("WebSocket"));

        // Applications and Subscriptions show what the wizard made.
        browser.follow("nav-applications");
        assertThat(browser.text("application-table")).contains("EchoApp").contains("PRODUCTION");
        browser.follow("nav-subscriptions");
        assertThat(browser.text("subscription-table")).contains("EchoWebSocket 1.0").contains("EchoApp").contains("Gold");
        browser.screenshot("10-subscriptions");
        assertThat(browser.consoleErrors()).as("no script errors or Content-Security-Policy violations").isEmpty();
    }
}
