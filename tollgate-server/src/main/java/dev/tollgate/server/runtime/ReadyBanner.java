package dev.tollgate.server.runtime;

import java.lang.management.ManagementFactory;

import dev.tollgate.server.system.TollgateProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The one line that says Tollgate is ready, with every URL a user needs. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger("dev.tollgate.Tollgate");

    private final TollgateProperties properties;
    private final GatewayUrls urls;
    private final SampleBackend sampleBackend;

    ReadyBanner(TollgateProperties properties, GatewayUrls urls, SampleBackend sampleBackend) {
        this.properties = properties;
        this.urls = urls;
        this.sampleBackend = sampleBackend;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        String portals = "https://" + properties.publicHost() + ":" + port;
        String echo = sampleBackend.wsUrl()
                .map(ws -> " | sample echo backend " + ws + sampleBackend.wssUrl().map(wss -> " and " + wss).orElse(""))
                .orElse("");
        String gateway = properties.gateway().enabled() ? " | gateway " + urls.ws("") + " and " + urls.wss("") : "";
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("Tollgate ready in {} ms: publisher {}/publisher | devportal {}/devportal | admin {}/admin{}{}",
                uptime, portals, portals, portals, gateway, echo);
    }
}
