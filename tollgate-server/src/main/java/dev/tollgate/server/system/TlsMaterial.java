package dev.tollgate.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS key and certificate, shared by the portals (HTTPS on 9443) and the gateway (wss on 8099).
 *
 * <p>On first start a self-signed certificate for {@code localhost} is generated and kept in the data directory as
 * a PKCS#12 key store, with the certificate also written as PEM so that clients can be told to trust it.
 */
public final class TlsMaterial {

    public static final String ALIAS = "tollgate";
    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final Path keyStorePath;
    private final char[] password;
    private final PrivateKey privateKey;
    private final X509Certificate[] chain;

    private TlsMaterial(Path keyStorePath, char[] password, PrivateKey privateKey, X509Certificate[] chain) {
        this.keyStorePath = keyStorePath;
        this.password = password;
        this.privateKey = privateKey;
        this.chain = chain;
    }

    /** Loads the key store from {@code dir}, generating it first when it does not exist. */
    public static TlsMaterial loadOrGenerate(Path dir, String hostName, String password) {
        Path keyStorePath = dir.resolve("tollgate.p12");
        try {
            if (!Files.exists(keyStorePath)) {
                Files.createDirectories(dir);
                generate(keyStorePath, dir.resolve("tollgate.crt"), hostName, password.toCharArray());
                log.info("Generated a self-signed TLS certificate for {} in {}", hostName, keyStorePath);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStorePath)) {
                store.load(in, password.toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, password.toCharArray());
            Certificate[] certificates = store.getCertificateChain(ALIAS);
            if (key == null || certificates == null) {
                throw new IllegalStateException("TLS key store " + keyStorePath + " has no entry '" + ALIAS + "'");
            }
            X509Certificate[] chain = Arrays.stream(certificates).map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
            return new TlsMaterial(keyStorePath, password.toCharArray(), key, chain);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the TLS key store " + keyStorePath, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot load the TLS key store " + keyStorePath, e);
        }
    }

    public Path keyStorePath() {
        return keyStorePath;
    }

    public String keyStorePassword() {
        return new String(password);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate[] chain() {
        return chain.clone();
    }

    private static void generate(Path keyStorePath, Path pemPath, String hostName, char[] password)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + hostName + ", O=Tollgate");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)),
                subject,
                pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, hostName),
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")
        }));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
        Path temporary = keyStorePath.resolveSibling(keyStorePath.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password);
        }
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        Files.writeString(pemPath, pem.toString(), StandardCharsets.US_ASCII);
        // Written aside and moved, so that a crash never leaves a half-written key store behind.
        Files.move(temporary, keyStorePath, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
