package dev.tollgate.server.runtime;

import dev.tollgate.server.system.TollgateProperties;
import org.springframework.stereotype.Component;

/** The gateway URLs users are shown ({@code ws://localhost:9099/echowebsocket/1.0}), with the ports actually bound. */
@Component
public class GatewayUrls {

    private final String host;
    private volatile int wsPort;
    private volatile int wssPort;

    GatewayUrls(TollgateProperties properties) {
        this.host = properties.publicHost();
        this.wsPort = properties.gateway().wsPort();
        this.wssPort = properties.gateway().wssPort();
    }

    /** Records the ports the gateway bound, which differ from the configured ones when those were 0. */
    void bound(int ws, int wss) {
        this.wsPort = ws;
        this.wssPort = wss;
    }

    public String ws(String path) {
        return "ws://" + host + ":" + wsPort + path;
    }

    public String wss(String path) {
        return "wss://" + host + ":" + wssPort + path;
    }

    public int wsPort() {
        return wsPort;
    }

    public int wssPort() {
        return wssPort;
    }
}
