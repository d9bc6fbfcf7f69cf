package dev.tollgate.gateway.connection;

/**
 * The names of the gateway's pipeline handlers. The handshake handler is removed by name when the relay starts; all
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
    public static final String HANDSHAKE = "handshake";
    public static final String BACKEND_HANDSHAKE = "backend-handshake";
    public static final String RESERVED_BITS = "reserved-bits";
    public static final String UTF8_VALIDATOR = "utf8-validator";
    public static final String MESSAGE_SIZE = "message-size";
    public static final String THROTTLE = "throttle";
    public static final String RELAY = "relay";

    private HandlerNames() {
    }
}
