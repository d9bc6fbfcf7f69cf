package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.tollgate.echo.EchoServer;
import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.server.support.Rest;
import dev.tollgate.server.support.TestServer;
import dev.tollgate.server.support.Tutorial;
import dev.tollgate.server.system.KeyStoreFiles;
import dev.tollgate.server.system.SelfSignedCertificates;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} backends are verified: one whose certificate is in {@code tollgate.gateway.backend-trust-store} is
 * reached; one signed by nobody the gateway trusts is refused with 502 before any 101.
 */
class BackendTlsTest {

    @Test
    void aBackendIsTrustedOnlyThroughTheConfiguredTrustStore(@TempDir Path dir) throws Exception {
        KeyPair trustedKey = KeyStoreFiles.rsaKeyPair();
        X509Certificate trustedCertificate = certificate(trustedKey);
        KeyPair strangerKey = KeyStoreFiles.rsaKeyPair();
        X509Certificate strangerCertificate = certificate(strangerKey);
        Path trustStore = dir.resolve("backends.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("partner", trustedCertificate);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, "secret".toCharArray());
        }

        try (EchoServer trusted = EchoServer.start(EchoServer.Config.defaults().wsPort(-1)
                        .wss(0, trustedKey.getPrivate(), new X509Certificate[] {trustedCertificate}));
                EchoServer stranger = EchoServer.start(EchoServer.Config.defaults().wsPort(-1)
                        .wss(0, strangerKey.getPrivate(), new X509Certificate[] {strangerCertificate}));
                TestServer server = TestServer.start(dir.resolve("data"),
                        "tollgate.gateway.backend-trust-store=" + trustStore,
                        "tollgate.gateway.backend-trust-store-password=secret")) {
            Rest admin = server.rest("admin", "admin");
            String app = Tutorial.createApplication(admin, "TlsApp");
            String trustedApi = Tutorial.createApi(admin, "Partner", "/partner", "1", trusted.wssUrl().toString(),
                    List.of("Gold"));
            String strangerApi = Tutorial.createApi(admin, "Stranger", "/stranger", "1",
                    stranger.wssUrl().toString(), List.of("Gold"));
            for (String api : List.of(trustedApi, strangerApi)) {
                Tutorial.publish(admin, api);
                Tutorial.subscribe(admin, app, api, "Gold");
            }
            String token = Tutorial.keysAndToken(admin, trustedApi, app).accessToken();
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);

            RecordingWebSocket partner = RecordingWebSocket.connect(
                    URI.create(server.gatewayUrls().ws("/partner/1")), bearer, null);
            partner.sendText("over verified TLS");
            assertThat(partner.nextText()).isEqualTo("over verified TLS");
            partner.sendClose(1000, "done");
            partner.awaitClose(Duration.ofSeconds(5));

            try {
                RecordingWebSocket.connect(URI.create(server.gatewayUrls().ws("/stranger/1")), bearer, null);
                throw new AssertionError("a backend with an untrusted certificate was reached");
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
                assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(502);
            }
        }
    }

    private static X509Certificate certificate(KeyPair pair) throws Exception {
        return SelfSignedCertificates.selfSigned(pair, "localhost", new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        }), Duration.ofDays(1));
    }

}
