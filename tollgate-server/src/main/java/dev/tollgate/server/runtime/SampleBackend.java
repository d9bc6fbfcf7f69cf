package dev.tollgate.server.runtime;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The URLs of the bundled echo backend, once it runs: printed at start and suggested in the publisher's Endpoint
 * field, so that the tutorial works on a machine that cannot reach {@code echo.websocket.org}.
 */
@Component
public class SampleBackend {

    private volatile String wsUrl;
    private volatile String wssUrl;

    void running(String ws, String wss) {
        this.wsUrl = ws;
        this.wssUrl = wss;
    }

    void stopped() {
        this.wsUrl = null;
        this.wssUrl = null;
    }

    public Optional<String> wsUrl() {
        return Optional.ofNullable(wsUrl);
    }

    public Optional<String> wssUrl() {
        return Optional.ofNullable(wssUrl);
    }
}
