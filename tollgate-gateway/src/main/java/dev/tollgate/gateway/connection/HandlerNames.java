package dev.tollgate.gateway.connection;

/**
 * The names of the gateway's pipeline handlers. The handshake stages are removed by name when the relay starts; all
 * names are lower-case words joined by hyphens.
 */
public final class HandlerNames {

    public static final String TLS = "tls";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String FRAME_ENCODER = "frame-encoder";
    public static final String FRAME_DECODER = "frame-decoder";
    public static final String EXTENSION_DECODER = "extension-decoder";
    public static final String EXTENSION_ENCODER = "extension-encoder";
    public static final String UPGRADE_REQUEST = "upgrade-request";
    public static final String ROUTING = "routing";
    public static final String ORIGIN = "origin";
    public static final String AUTHENTICATION = "authentication";
    public static final String SUBSCRIPTION = "subscription";
    public static final String THROTTLE_ADMISSION = "throttle-admission";
    public static final String BACKEND_CONNECT = "backend-connect";
    public static final String BACKEND_HANDSHAKE = "backend-handshake";
    public static final String RESERVED_BITS = "reserved-bits";
    public static final String UTF8_VALIDATOR = "utf8-validator";
    public static final String MESSAGE_SIZE = "message-size";
    public static final String THROTTLE = "throttle";
    public static final String RELAY = "relay";

    /** The stages of the client's handshake, in pipeline order; each is removed once the relay runs. */
    public static final String[] CLIENT_HANDSHAKE_STAGES = {
        UPGRADE_REQUEST, ROUTING, ORIGIN, AUTHENTICATION, SUBSCRIPTION, THROTTLE_ADMISSION, BACKEND_CONNECT
    };

    private HandlerNames() {
    }
}
