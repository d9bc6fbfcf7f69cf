package dev.tollgate.server.system;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts reading the TLS key store (or making it, on first start) on a thread of its own as soon as the application
 * context is prepared, before its refresh, in the manner of Spring Boot's background pre-initializer: the key
 * derivation (PBKDF2), and on first start the key generation, then overlap the main thread's parsing of the
 * configuration classes, and the {@code tlsMaterial} bean only waits for the result. Registered in
 * {@code META-INF/spring.factories}.
 */
class TlsMaterialPreloader implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN_NAME = "tollgateTlsMaterialPreload";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        TollgateProperties properties = Binder.get(context.getEnvironment())
                .bindOrCreate("tollgate", TollgateProperties.class);
        Preload preload = new Preload(properties, new CompletableFuture<>());
        Thread thread = new Thread(() -> {
            try {
                preload.material().complete(TlsConfiguration.load(properties));
            } catch (RuntimeException | Error e) {
                preload.material().completeExceptionally(e);
            }
        }, "tollgate-tls-preload");
        thread.setDaemon(true);
        thread.start();
        context.getBeanFactory().registerSingleton(BEAN_NAME, preload);
    }

    /** The TLS material being read, and the settings it is read with. */
    record Preload(TollgateProperties properties, CompletableFuture<TlsMaterial> material) {

        /** Whether the material read is the one {@code settings} asks for. */
        boolean readFor(TollgateProperties settings) {
            return properties.dataDir().equals(settings.dataDir())
                    && properties.publicHost().equals(settings.publicHost()) && properties.tls().equals(settings.tls());
        }

        /** Waits for the material; rethrows what reading it threw. */
        TlsMaterial join() {
            try {
                return material.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }
}
