package dev.tollgate.server.keymanager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tollgate.server.system.KeyStoreFiles;
import dev.tollgate.server.system.Preload;
import dev.tollgate.server.system.SelfSignedCertificates;
import dev.tollgate.server.system.TollgateProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The RSA keys access tokens are signed with, kept in a PKCS#12 key store in the data directory
 * ({@code keys/signing.p12}, readable by its owner only), so that tokens stay valid across restarts. The key id
 * ({@code kid}) is the entry's alias; the newest entry signs, older ones still verify. Control-plane replicas share
 * the same file.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JWKSet keys;

    /** With the keys {@link SigningKeysPreloader} began to read before the refresh, or, without it, read now. */
    SigningKeys(TollgateProperties properties,
            @Qualifier(SigningKeysPreloader.BEAN_NAME) ObjectProvider<Preload<List<JWK>>> preload) {
        this.keys = new JWKSet(Preload.take(preload, properties, SigningKeys::loadOrGenerate));
    }

    /** All keys with their private parts, newest first: the first one signs. */
    public JWKSet privateKeys() {
        return keys;
    }

    /** The public JWK Set document that {@code /oauth2/jwks} serves and gateways verify with. */
    public String publicJwkSetJson() {
        return keys.toPublicJWKSet().toString();
    }

    /** The keys of {@code keys/signing.p12} in the data directory, newest first; a first key when it has none. */
    static List<JWK> loadOrGenerate(TollgateProperties properties) {
        Path path = properties.dataDir().resolve("keys").resolve("signing.p12");
        char[] password = properties.tls().keyStorePassword().toCharArray();
        try {
            KeyStore store = KeyStoreFiles.load(path, password);
            if (!store.aliases().hasMoreElements()) {
                String kid = UUID.randomUUID().toString();
                KeyPair pair = KeyStoreFiles.rsaKeyPair();
                store.setKeyEntry(kid, pair.getPrivate(), password, new Certificate[] {
                    SelfSignedCertificates.forKey(pair, "Tollgate token signing key " + kid, Duration.ofDays(3650))});
                KeyStoreFiles.save(store, path, password);
                log.info("Generated the token signing key {} in {}", kid, path);
            }
            List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
            aliases.sort(Comparator.comparing((String alias) -> creationDate(store, alias)).reversed());
            List<JWK> keys = new ArrayList<>();
            for (String alias : aliases) {
                RSAPublicKey publicKey = (RSAPublicKey) store.getCertificate(alias).getPublicKey();
                keys.add(new RSAKey.Builder(publicKey)
                        .privateKey((RSAPrivateKey) store.getKey(alias, password))
                        .keyID(alias)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .build());
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key store " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the signing key store " + path, e);
        }
    }

    private static java.util.Date creationDate(KeyStore store, String alias) {
        try {
            return store.getCreationDate(alias);
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
