package dev.tollgate.server.system;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves the portals over HTTPS with the key store in the data directory, and Tomcat's refusals as JSON. */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

    @Bean
    TlsMaterial tlsMaterial(TollgateProperties properties) {
        return TlsMaterial.loadOrGenerate(
                properties.dataDir().resolve("tls"), properties.publicHost(), properties.tls().keyStorePassword());
    }

    /** Tomcat's own refusals (before any servlet) in the JSON error shape, not as an HTML page. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> httpsCustomizer(TlsMaterial tls) {
        return factory -> {
            Ssl ssl = new Ssl();
            ssl.setEnabled(true);
            ssl.setKeyStore(tls.keyStorePath().toUri().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(tls.keyStorePassword());
            ssl.setKeyAlias(TlsMaterial.ALIAS);
            factory.setSsl(ssl);
        };
    }
}
