package dev.tollgate.server.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.server.TollgateApplication;
import dev.tollgate.server.runtime.GatewayUrls;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Tollgate all-in-one server for tests: HTTPS portals, key manager, gateway and echo backend on free ports,
 * with its own data directory. Start it again on the same directory to test a restart.
 */
public final class TestServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts on free ports with an H2 database in {@code dataDir}. */
    public static TestServer start(Path dataDir, String... extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tollgate.data-dir", dataDir.toString());
        properties.put("server.port", "0");
        properties.put("tollgate.issuer", "https://localhost:9443");
        properties.put("tollgate.gateway.bind-host", "127.0.0.1");
        properties.put("tollgate.gateway.ws-port", "0");
        properties.put("tollgate.gateway.wss-port", "0");
        properties.put("tollgate.echo.ws-port", "0");
        properties.put("tollgate.echo.wss-port", "0");
        for (String property : extraProperties) {
            int equals = property.indexOf('=');
            properties.put(property.substring(0, equals), property.substring(equals + 1));
        }
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        SpringApplication application = new SpringApplication(TollgateApplication.class);
        return new TestServer(application.run(args.toArray(String[]::new)));
    }

    public int httpsPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "https://localhost:" + httpsPort();
    }

    public Rest rest(String username, String password) {
        return new Rest(baseUrl(), username, password);
    }

    public Rest anonymous() {
        return new Rest(baseUrl(), null, null);
    }

    public GatewayUrls gatewayUrls() {
        return context.getBean(GatewayUrls.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
