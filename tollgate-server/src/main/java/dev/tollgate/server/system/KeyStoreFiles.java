package dev.tollgate.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * PKCS#12 key stores in the data directory, readable by their owner only, and the self-signed certificates their
 * key entries need. Used for the TLS key and for the token signing keys.
 */
public final class KeyStoreFiles {

    private KeyStoreFiles() {
    }

    /** Loads a key store, or returns an empty one when the file does not exist yet. */
    public static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (Files.exists(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password);
            }
        } else {
            store.load(null, null);
        }
        return store;
    }

    /**
     * Writes a key store beside its final place and moves it there, so a crash never leaves half a key store, with
     * owner-only permissions where the file system has them.
     */
    public static void save(KeyStore store, Path path, char[] password) throws IOException, GeneralSecurityException {
        Files.createDirectories(path.getParent());
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password);
        }
        restrictToOwner(temporary);
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes a file readable and writable by its owner only (no-op where POSIX permissions do not exist). */
    public static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own protection applies.
        }
    }

    public static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        return generator.generateKeyPair();
    }

    /**
     * A self-signed certificate for a key pair.
     *
     * @param subjectAlternativeNames the names a TLS client checks, or null for a certificate that only carries a key
     */
    public static X509Certificate selfSigned(KeyPair pair, String commonName, GeneralNames subjectAlternativeNames,
            Duration validity) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + commonName + ", O=Tollgate");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(validity)), subject, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (subjectAlternativeNames != null) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot build a self-signed certificate for " + commonName, e);
        }
    }
}
