package dev.tollgate.server.system;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
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

/**
 * The self-signed certificates of the data directory's key entries, made with Bouncy Castle. Only this class refers
 * to Bouncy Castle, so that its classes (a signed jar, which the class-data-sharing archive cannot hold) are loaded
 * when a certificate is actually made, on first start, and not on every restart.
 */
public final class SelfSignedCertificates {

    private SelfSignedCertificates() {
    }

    /** A server certificate for {@code hostName}, also valid for {@code localhost}, 127.0.0.1 and ::1. */
    public static X509Certificate forServer(KeyPair pair, String hostName, Duration validity)
            throws GeneralSecurityException {
        return selfSigned(pair, hostName, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, hostName),
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")
        }), validity);
    }

    /** A certificate that only carries a key (for a key store entry), with no names a TLS client would check. */
    public static X509Certificate forKey(KeyPair pair, String commonName, Duration validity)
            throws GeneralSecurityException {
        return selfSigned(pair, commonName, null, validity);
    }

    /** The certificate in PEM, as clients are told to trust it. */
    public static String pem(X509Certificate certificate) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        return pem.toString();
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
