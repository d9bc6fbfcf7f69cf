package dev.tollgate.gateway.tls;

import dev.tollgate.gateway.GatewayConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the gateway's TLS contexts from its configuration. */
public final class TlsContexts {

    /** The JDK name of RFC 2818's host-name check, which also covers WebSocket over TLS. */
    private static final String HTTPS_HOST_NAME_CHECK = "HTTPS";

    /**
     * The type of the key store Netty builds in memory to hand the key to the TLS engine. Netty's default, PKCS#12,
     * encrypts the key on the way in and decrypts it on the way out with 10,000 rounds of PBKDF2 each, for a store
     * that never leaves the process, on the start's critical path. JKS protects it cheaply.
     */
    private static final String IN_MEMORY_KEY_STORE = "JKS";

    private TlsContexts() {
    }

    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** The server context for the {@code wss} listener. */
    public static SslContext server(GatewayConfig config) {
        X509Certificate[] chain = config.tlsChain().toArray(new X509Certificate[0]);
        try {
            return SslContextBuilder.forServer(config.tlsKey().orElseThrow(), chain)
                    .sslProvider(provider())
                    .keyStoreType(IN_MEMORY_KEY_STORE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("tls: the key and certificate chain cannot be used (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * The client context for {@code wss://} backends: the JDK's default trust plus the configured trust store, with
     * the host-name check; or, in insecure development mode, any certificate and no host-name check.
     */
    public static SslContext backendClient(GatewayConfig config) {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider());
        try {
            if (config.insecureBackendTls()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                if (config.backendTrustStore().isPresent()) {
                    builder.trustManager(new CompositeTrustManager(
                            trustManager(null), trustManager(config.backendTrustStore().get())));
                }
                builder.endpointIdentificationAlgorithm(HTTPS_HOST_NAME_CHECK);
            }
            return builder.build();
        } catch (SSLException | GeneralSecurityException e) {
            throw new IllegalArgumentException("backendTrustStore: cannot be used for backend TLS (" + e.getMessage()
                    + ")", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("No X.509 trust manager for " + (store == null ? "the JDK default trust"
                : "the backend trust store"));
    }
}
