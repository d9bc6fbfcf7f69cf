package dev.tollgate.server;

import java.nio.file.Path;

import dev.tollgate.server.support.Browser;
import dev.tollgate.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A real server and one headless Chromium per test class, for the portal pages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractBrowserTest {

    TestServer server;
    Browser browser;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        try {
            browser = Browser.open(server.baseUrl());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @AfterAll
    void stopBrowserAndServer() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }
}
