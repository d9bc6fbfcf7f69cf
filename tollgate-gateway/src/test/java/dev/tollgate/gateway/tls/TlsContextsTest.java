package dev.tollgate.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.SelfSignedTls;
import dev.tollgate.gateway.GatewayConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The gateway ships BoringSSL for linux-x86_64 (netty-tcnative). Its native library links only against the
 * tcnative classes of its own release; with another release on the class path Netty falls back to the JDK's TLS
 * without a word, as it once did here. This test makes that a failure.
 */
class TlsContextsTest {

    private static final SelfSignedTls TLS = SelfSignedTls.localhost();

    @Test
    void usesOpenSslWhereTheShippedNativeLibraryRuns() {
        requireShippedPlatform();
        assertThat(OpenSsl.isAvailable())
                .as("OpenSSL unavailable: %s", OpenSsl.unavailabilityCause())
                .isTrue();
        assertThat(TlsContexts.provider()).isEqualTo(SslProvider.OPENSSL);

        GatewayConfig config = GatewayConfig.builder().wssPort(0).tls(TLS.key(), TLS.certificate()).build();
        SslContext server = TlsContexts.server(config);
        SslContext client = TlsContexts.backendClient(config);
        try {
            assertThat(server).isInstanceOf(OpenSslContext.class);
            assertThat(server.isServer()).isTrue();
            assertThat(client).isInstanceOf(OpenSslContext.class);
        } finally {
            ReferenceCountUtil.release(server);
            ReferenceCountUtil.release(client);
        }
    }

    /** The platform of the native library in the build; elsewhere the JDK's TLS is the expected fallback. */
    private static void requireShippedPlatform() {
        boolean shipped = System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(shipped, "netty-tcnative is shipped for linux-x86_64 only");
        }
    }
}
