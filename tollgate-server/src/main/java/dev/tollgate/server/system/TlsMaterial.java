package dev.tollgate.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS key and certificate, shared by the portals (HTTPS on 9443) and the gateway (wss on 8099).
 *
 * <p>On first start a self-signed certificate for {@code localhost} is generated and kept in the data directory as
 * a PKCS#12 key store, with the certificate also written as PEM so that clients can be told to trust it. The key
 * store is read once per start; its key and chain are handed on in memory.
 */
public final class TlsMaterial {

    public static final String ALIAS = "tollgate";
    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final PrivateKey privateKey;
    private final X509Certificate[] chain;

    private TlsMaterial(PrivateKey privateKey, X509Certificate[] chain) {
        this.privateKey = privateKey;
        this.chain = chain;
    }

    /** Loads the key store from {@code dir}, generating it first when it does not exist. */
    public static TlsMaterial loadOrGenerate(Path dir, String hostName, String password) {
        Path keyStorePath = dir.resolve("tollgate.p12");
        char[] secret = password.toCharArray();
        try {
            KeyStore store = KeyStoreFiles.load(keyStorePath, secret);
            if (!store.containsAlias(ALIAS)) {
                generate(store, keyStorePath, dir.resolve("tollgate.crt"), hostName, secret);
                log.info("Generated a self-signed TLS certificate for {} in {}", hostName, keyStorePath);
            }
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, secret);
            Certificate[] certificates = store.getCertificateChain(ALIAS);
            if (key == null || certificates == null) {
                throw new IllegalStateException("TLS key store " + keyStorePath + " has no key entry '" + ALIAS + "'");
            }
            X509Certificate[] chain = Arrays.stream(certificates).map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
            return new TlsMaterial(key, chain);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the TLS key store " + keyStorePath, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the TLS key store " + keyStorePath, e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate[] chain() {
        return chain.clone();
    }

    private static void generate(KeyStore store, Path keyStorePath, Path pemPath, String hostName, char[] password)
            throws GeneralSecurityException, IOException {
        KeyPair pair = KeyStoreFiles.rsaKeyPair();
        X509Certificate certificate = SelfSignedCertificates.forServer(pair, hostName, VALIDITY);
        store.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
        Files.createDirectories(pemPath.getParent());
        Files.writeString(pemPath, SelfSignedCertificates.pem(certificate), StandardCharsets.US_ASCII);
        KeyStoreFiles.save(store, keyStorePath, password);
    }
}
