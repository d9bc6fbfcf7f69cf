package dev.tollgate.server.system;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Start-up work that needs nothing but Tollgate's settings (reading or making a key store), begun on a thread of its
 * own when the application context is prepared, before its refresh, in the manner of Spring Boot's background
 * pre-initializer: it then overlaps the main thread's parsing of the configuration classes, and the bean that needs
 * the result only waits for it. Each use is an {@code ApplicationListener<ApplicationPreparedEvent>} registered in
 * {@code META-INF/spring.factories} that calls {@link #start}; the bean calls {@link #take}.
 *
 * @param <T> what the work makes
 */
public final class Preload<T> {

    private final TollgateProperties settings;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Preload(TollgateProperties settings) {
        this.settings = settings;
    }

    /**
     * Binds {@code tollgate.*} from the context's environment, starts {@code work} with it on a daemon thread, and
     * registers the preload as the singleton {@code beanName}. Does nothing when a setting cannot be bound.
     */
    public static <T> void start(ApplicationPreparedEvent event, String beanName,
            Function<TollgateProperties, T> work) {
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            return;  // the build's ahead-of-time processing prepares the context but must not touch a data directory
        }
        ConfigurableApplicationContext context = event.getApplicationContext();
        TollgateProperties settings;
        try {
            settings = Binder.get(context.getEnvironment()).bindOrCreate("tollgate", TollgateProperties.class);
        } catch (BindException e) {
            return;  // the bean does the work itself, once the context's binding has reported the invalid setting
        }
        Preload<T> preload = new Preload<>(settings);
        Thread thread = new Thread(() -> {
            try {
                preload.result.complete(work.apply(settings));
            } catch (RuntimeException | Error e) {
                preload.result.completeExceptionally(e);
            }
        }, "tollgate-preload-" + beanName);
        thread.setDaemon(true);
        thread.start();
        context.getBeanFactory().registerSingleton(beanName, preload);
    }

    /**
     * The preloaded result, waited for, when there is a preload made with these settings; otherwise {@code work}
     * done now. Rethrows what the preloaded work threw.
     */
    public static <T> T take(ObjectProvider<Preload<T>> preload, TollgateProperties settings,
            Function<TollgateProperties, T> work) {
        Preload<T> started = preload.getIfAvailable();
        if (started == null || !started.settings.equals(settings)) {
            return work.apply(settings);
        }
        try {
            return started.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
