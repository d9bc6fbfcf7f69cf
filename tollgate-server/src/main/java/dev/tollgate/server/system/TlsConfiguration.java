package dev.tollgate.server.system;

import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves the portals over HTTPS with the generated (or operator-supplied) key store in the data directory. */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

    @Bean
    TlsMaterial tlsMaterial(TollgateProperties properties) {
        return TlsMaterial.loadOrGenerate(
                properties.dataDir().resolve("tls"), properties.publicHost(), properties.tls().keyStorePassword());
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
