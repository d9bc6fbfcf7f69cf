package dev.tollgate.server.keymanager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.tollgate.server.runtime.StateChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Wraps the authorization store so that every access token invalidated by {@code /oauth2/revoke} (or removed with
 * its application) is recorded by its {@code jti}: gateways verify tokens offline and learn of revocations from the
 * runtime snapshot, which carries these ids until the tokens expire.
 */
class RevocationTracking implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService delegate;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    RevocationTracking(OAuth2AuthorizationService delegate, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        delegate.save(authorization);
        OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
        if (token != null && token.isInvalidated()) {
            recordRevoked(token);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
        delegate.remove(authorization);
        if (token != null) {
            recordRevoked(token);
        }
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }

    /** Revokes every token ever issued to a client: used when its keys or application are deleted. */
    void removeAllOf(String registeredClientId) {
        List<String> ids = jdbc.sql("select id from oauth2_authorization where registered_client_id = ?")
                .param(registeredClientId).query(String.class).list();
        for (String id : ids) {
            OAuth2Authorization authorization = delegate.findById(id);
            if (authorization != null) {
                remove(authorization);
            }
        }
    }

    /** The ids of revoked tokens that have not expired yet; expired ones are forgotten. */
    List<String> activeRevokedIds() {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("delete from revoked_tokens where expires_at < ?").param(now).update();
        return jdbc.sql("select jti from revoked_tokens").query(String.class).list();
    }

    private void recordRevoked(OAuth2Authorization.Token<OAuth2AccessToken> token) {
        Object jti = token.getClaims() == null ? null : token.getClaims().get("jti");
        Instant expiresAt = token.getToken().getExpiresAt();
        if (jti == null || expiresAt == null || expiresAt.isBefore(Instant.now())) {
            return;
        }
        int known = jdbc.sql("select count(*) from revoked_tokens where jti = ?").param(jti.toString())
                .query(Integer.class).single();
        if (known == 0) {
            jdbc.sql("insert into revoked_tokens (jti, expires_at) values (?, ?)")
                    .params(jti.toString(), Timestamp.from(expiresAt)).update();
            events.publishEvent(new StateChanged("token revoked"));
        }
    }
}
