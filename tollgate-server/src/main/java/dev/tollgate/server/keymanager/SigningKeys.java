package dev.tollgate.server.keymanager;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The RSA keys access tokens are signed with. Generated on first start and stored in the database, so that tokens
 * stay valid across restarts and every control-plane replica signs with the same key.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JWKSet keys;

    SigningKeys(JdbcClient jdbc) {
        this.keys = new JWKSet(loadOrGenerate(jdbc));
    }

    /** All keys with their private parts, newest first: the first one signs. */
    public JWKSet privateKeys() {
        return keys;
    }

    /** The public JWK Set document that {@code /oauth2/jwks} serves and gateways verify with. */
    public String publicJwkSetJson() {
        return keys.toPublicJWKSet().toString();
    }

    private static List<JWK> loadOrGenerate(JdbcClient jdbc) {
        List<JWK> stored = jdbc.sql("select private_jwk from signing_keys order by created_at desc")
                .query((rs, row) -> parse(rs.getString(1)))
                .list();
        if (!stored.isEmpty()) {
            return stored;
        }
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .issueTime(java.util.Date.from(Instant.now()))
                    .generate();
            jdbc.sql("insert into signing_keys (kid, private_jwk, created_at) values (?, ?, ?)")
                    .params(key.getKeyID(), key.toJSONString(), Timestamp.from(Instant.now()))
                    .update();
            log.info("Generated the token signing key {}", key.getKeyID());
            return List.of(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is not a valid JWK", e);
        }
    }
}
