package dev.tollgate.server.runtime;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

import dev.tollgate.gateway.Gateway;
import dev.tollgate.gateway.GatewayConfig;
import dev.tollgate.gateway.TokenIntrospector;
import dev.tollgate.gateway.throttle.ThrottlingMode;
import dev.tollgate.server.system.TlsMaterial;
import dev.tollgate.server.system.TollgateProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * All-in-one mode: the sample echo backend and the gateway run in this process, the gateway fed with runtime
 * snapshots in memory. Started before the portals accept requests and stopped after them.
 */
@Component
class AllInOne implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger("dev.tollgate.Tollgate");

    private final TollgateProperties properties;
    private final TlsMaterial tls;
    private final RuntimeState runtime;
    private final GatewayUrls urls;
    private final ObjectProvider<MeterRegistry> meterRegistry;
    private final SampleBackend sampleBackend;
    private final TokenIntrospector opaqueTokens;
    private volatile boolean running;
    private volatile Gateway gateway;

    AllInOne(TollgateProperties properties, TlsMaterial tls, RuntimeState runtime, GatewayUrls urls,
            ObjectProvider<MeterRegistry> meterRegistry, SampleBackend sampleBackend, TokenIntrospector opaqueTokens) {
        this.properties = properties;
        this.tls = tls;
        this.runtime = runtime;
        this.urls = urls;
        this.meterRegistry = meterRegistry;
        this.sampleBackend = sampleBackend;
        this.opaqueTokens = opaqueTokens;
    }

    /** Waits for the sample echo backend, which {@link SampleBackend} starts in the background; starts the gateway. */
    @Override
    public void start() {
        running = true;
        sampleBackend.start();
        sampleBackend.awaitRunning();
        TollgateProperties.Gateway settings = properties.gateway();
        if (settings.enabled()) {
            GatewayConfig.Builder config = GatewayConfig.builder()
                    .bindHost(settings.bindHost())
                    .wsPort(settings.wsPort())
                    .wssPort(settings.wssPort())
                    .tls(tls.privateKey(), tls.chain())
                    .backendTrustStore(backendTrust(settings))
                    .idleTimeout(settings.idleTimeout())
                    .ioThreads(settings.ioThreads())
                    .transport(settings.transport())
                    .insecureBackendTls(settings.insecureBackendTls())
                    .maxFramePayload(settings.maxFrameSize())
                    .maxMessageSize(settings.maxMessageSize())
                    .tokenIntrospector(opaqueTokens);
            if (!settings.redisUrl().isBlank()) {
                config.sharedThrottling(URI.create(settings.redisUrl().strip()));
            }
            MeterRegistry registry = meterRegistry.getIfAvailable();
            if (registry != null) {
                config.meterRegistry(registry);
            }
            gateway = Gateway.start(config.build(), runtime.current());
            urls.bound(gateway.wsPort(), gateway.wssPort());
            runtime.addListener(gateway);
        }
    }

    @Override
    public void stop() {
        Gateway started = gateway;
        if (started != null) {
            runtime.removeListener(started);
            started.close();
            gateway = null;
        }
        sampleBackend.stop();
        running = false;
        log.info("Tollgate stopped: gateway and sample backend closed");
    }

    /** Where the in-process gateway keeps its throttling counters; empty when it is not running. */
    Optional<ThrottlingMode> throttlingMode() {
        Gateway running = gateway;
        return running == null ? Optional.empty() : Optional.of(running.throttlingMode());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * The gateway trusts this server's own certificate for {@code wss://} backends, so that the bundled echo backend
     * is reached over verified TLS, and the certificates of {@code tollgate.gateway.backend-trust-store}; other
     * backends are checked against the JDK's trusted authorities, always with host-name verification.
     */
    private KeyStore backendTrust(TollgateProperties.Gateway settings) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(TlsMaterial.ALIAS, tls.chain()[0]);
            if (!settings.backendTrustStore().isBlank()) {
                java.nio.file.Path path = java.nio.file.Path.of(settings.backendTrustStore().strip());
                KeyStore extra = KeyStore.getInstance(path.toFile(), settings.backendTrustStorePassword().toCharArray());
                for (String alias : java.util.Collections.list(extra.aliases())) {
                    java.security.cert.Certificate certificate = extra.getCertificate(alias);
                    if (certificate != null) {
                        trust.setCertificateEntry("extra-" + alias, certificate);
                    }
                }
            }
            return trust;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build the gateway's backend trust store from tollgate.gateway."
                    + "backend-trust-store=" + settings.backendTrustStore() + ": " + e.getMessage(), e);
        }
    }
}
