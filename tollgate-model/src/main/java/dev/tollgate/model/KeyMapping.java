package dev.tollgate.model;

import java.util.Objects;

/** Ties an OAuth2 client (consumer key) to the application it was generated for. */
public record KeyMapping(String consumerKey, String applicationId, String keyType) {

    public KeyMapping {
        Objects.requireNonNull(consumerKey, "consumerKey");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(keyType, "keyType");
    }
}
