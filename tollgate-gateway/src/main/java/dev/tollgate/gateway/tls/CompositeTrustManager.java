package dev.tollgate.gateway.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a backend when any of its delegates does. The delegates are the JDK's own trust managers, which also run the
 * host-name check when the engine asks for one, so combining them keeps that check.
 */
final class CompositeTrustManager extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;

    CompositeTrustManager(X509ExtendedTrustManager... delegates) {
        this.delegates = List.of(delegates);
    }

    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager delegate) throws CertificateException;
    }

    private void anyTrusts(Check check) throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                check.run(delegate);
                return;
            } catch (CertificateException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw first;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        anyTrusts(delegate -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        anyTrusts(delegate -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyTrusts(delegate -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        anyTrusts(delegate -> delegate.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        anyTrusts(delegate -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyTrusts(delegate -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegates.stream()
                .flatMap(delegate -> Arrays.stream(delegate.getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }
}
