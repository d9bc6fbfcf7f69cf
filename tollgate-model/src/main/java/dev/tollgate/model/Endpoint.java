package dev.tollgate.model;

import java.net.URI;
import java.util.Objects;

/** A backend WebSocket endpoint ({@code ws://} or {@code wss://}) and how the gateway treats it. */
public record Endpoint(URI url, EndpointSettings settings) {

    public Endpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(settings, "settings");
        String scheme = url.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("url: " + url + " (expected: ws:// or wss://)");
        }
    }

    public boolean secure() {
        return "wss".equalsIgnoreCase(url.getScheme());
    }
}
