package dev.tollgate.server.system;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Reads the TLS key store, or makes it on a first start, before the context refresh (see {@link Preload}): the key
 * derivation (PBKDF2), and on a first start the key generation, overlap the parsing of the configuration classes.
 * Registered in {@code META-INF/spring.factories}.
 */
class TlsMaterialPreloader implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN_NAME = "tollgateTlsMaterialPreload";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Preload.start(event, BEAN_NAME, TlsConfiguration::load);
    }
}
