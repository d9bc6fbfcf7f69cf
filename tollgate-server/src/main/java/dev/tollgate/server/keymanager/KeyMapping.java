package dev.tollgate.server.keymanager;

import java.time.Instant;

/** WSO2's key mapping: the OAuth2 client generated for one application and key type (PRODUCTION or SANDBOX). */
public record KeyMapping(
        String keyMappingId,
        String applicationId,
        String keyType,
        String consumerKey,
        String keyManager,
        Instant createdAt) {

    public dev.tollgate.model.KeyMapping toRuntime() {
        return new dev.tollgate.model.KeyMapping(consumerKey, applicationId, keyType);
    }
}
