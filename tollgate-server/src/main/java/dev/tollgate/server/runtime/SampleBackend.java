package dev.tollgate.server.runtime;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.tollgate.echo.EchoServer;
import dev.tollgate.server.system.TlsMaterial;
import dev.tollgate.server.system.TollgateProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The bundled echo backend, whose URLs are printed at start and suggested in the publisher's Endpoint field, so that
 * the tutorial works on a machine that cannot reach {@code echo.websocket.org}.
 *
 * <p>It starts on a thread of its own as soon as this bean exists, so that the process's first Netty and TLS set-up
 * overlaps the rest of the context refresh; {@link AllInOne} waits for it before it starts the gateway, so the ready
 * line still comes after the echo backend accepts connections. A failed start fails the application's start.
 */
@Component
public class SampleBackend implements DisposableBean {

    private final TollgateProperties.Echo settings;
    private final TlsMaterial tls;
    private CompletableFuture<EchoServer> echo;

    SampleBackend(TollgateProperties properties, TlsMaterial tls) {
        this.settings = properties.echo();
        this.tls = tls;
        start();
    }

    /** Starts the echo backend in the background, unless it is disabled or already started. */
    synchronized void start() {
        if (settings.enabled() && echo == null) {
            CompletableFuture<EchoServer> starting = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    starting.complete(EchoServer.start(config()));
                } catch (RuntimeException | Error e) {
                    starting.completeExceptionally(e);
                }
            }, "tollgate-echo-start");
            thread.setDaemon(true);
            thread.start();
            echo = starting;
        }
    }

    /** Waits until the echo backend accepts connections (at once when it is disabled); rethrows a failed start. */
    void awaitRunning() {
        CompletableFuture<EchoServer> starting;
        synchronized (this) {
            starting = echo;
        }
        if (starting != null) {
            try {
                starting.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    /** Closes the echo backend once its start has ended. */
    synchronized void stop() {
        CompletableFuture<EchoServer> starting = echo;
        echo = null;
        if (starting != null) {
            starting.thenAccept(EchoServer::close).exceptionally(failure -> null).join();
        }
    }

    @Override
    public void destroy() {
        stop();
    }

    public Optional<String> wsUrl() {
        return running().filter(server -> server.wsPort() > 0).map(server -> server.wsUrl().toString());
    }

    public Optional<String> wssUrl() {
        return running().filter(server -> server.wssPort() > 0).map(server -> server.wssUrl().toString());
    }

    private synchronized Optional<EchoServer> running() {
        return echo == null || !echo.isDone() || echo.isCompletedExceptionally()
                ? Optional.empty() : Optional.of(echo.join());
    }

    private EchoServer.Config config() {
        EchoServer.Config config = EchoServer.Config.defaults().host("127.0.0.1").wsPort(settings.wsPort());
        if (settings.wssPort() >= 0) {
            config = config.wss(settings.wssPort(), tls.privateKey(), tls.chain());
        }
        return config;
    }
}
