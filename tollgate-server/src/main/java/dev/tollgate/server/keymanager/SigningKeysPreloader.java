package dev.tollgate.server.keymanager;

import dev.tollgate.server.system.Preload;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Reads the token signing key store, or makes it on a first start, before the context refresh (see {@link Preload}).
 * Registered in {@code META-INF/spring.factories}.
 */
class SigningKeysPreloader implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN_NAME = "tollgateSigningKeysPreload";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Preload.start(event, BEAN_NAME, SigningKeys::loadOrGenerate);
    }
}
