package dev.tollgate.server.system;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves the portals over HTTPS with the key store in the data directory, and Tomcat's refusals as JSON. */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

    /** The SSL bundle the portals' HTTPS connector uses: the key and chain of {@link TlsMaterial}. */
    static final String BUNDLE = "tollgate";

    /** The material {@link TlsMaterialPreloader} began to read before the refresh, or, without it, read now. */
    @Bean
    TlsMaterial tlsMaterial(TollgateProperties properties,
            @Qualifier(TlsMaterialPreloader.BEAN_NAME) ObjectProvider<Preload<TlsMaterial>> preload) {
        return Preload.take(preload, properties, TlsConfiguration::load);
    }

    static TlsMaterial load(TollgateProperties properties) {
        return TlsMaterial.loadOrGenerate(
                properties.dataDir().resolve("tls"), properties.publicHost(), properties.tls().keyStorePassword());
    }

    /**
     * Hands Tomcat the key already read, in a key store that lives in memory only, rather than the file to read and
     * decrypt once more. Its type is JKS, as Tomcat's own in-memory copy of a key is: PKCS#12 would protect every
     * access with 10,000 rounds of PBKDF2, which guards nothing in memory and costs start-up time.
     */
    @Bean
    SslBundleRegistrar tollgateSslBundle(TlsMaterial tls, TollgateProperties properties) {
        return registry -> {
            String password = properties.tls().keyStorePassword();
            try {
                KeyStore store = KeyStore.getInstance("JKS");
                store.load(null, null);
                store.setKeyEntry(TlsMaterial.ALIAS, tls.privateKey(), password.toCharArray(), tls.chain());
                registry.registerBundle(BUNDLE, SslBundle.of(SslStoreBundle.of(store, password, null),
                        SslBundleKey.of(password, TlsMaterial.ALIAS)));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot hand the TLS key to the web server: " + e.getMessage(), e);
            }
        };
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
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> httpsCustomizer() {
        return factory -> factory.setSsl(Ssl.forBundle(BUNDLE));
    }
}
