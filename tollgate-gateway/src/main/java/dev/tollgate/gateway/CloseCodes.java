package dev.tollgate.gateway;

/**
 * The WebSocket close codes the gateway sends, with WSO2 API Manager's application codes for access and throttling.
 *
 * <p>Codes 1000-1011 are RFC 6455's; 4000-4999 are private to the application, and Tollgate uses them as WSO2 does
 * so that clients written against WSO2 keep working.
 */
public final class CloseCodes {

    /** The conversation is over; both sides agreed. */
    public static final int NORMAL = 1000;
    /** One side is going away: the other leg was lost, the API was blocked or retired, the gateway is stopping. */
    public static final int GOING_AWAY = 1001;
    /** A frame broke the WebSocket protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /**
     * Reserved by RFC 6455 for a connection that ended without a close frame; never sent, only reported in metrics.
     */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** A text frame was not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A frame was larger than the gateway's maximum frame payload. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The gateway or the other leg failed unexpectedly. */
    public static final int INTERNAL_ERROR = 1011;
    /** The access token is no longer valid: revoked, expired, or its keys or subscription are gone (WSO2's 4001). */
    public static final int TOKEN_INVALID = 4001;
    /** The same code as {@link #TOKEN_INVALID}, named for the case where the token's {@code exp} passed. */
    public static final int TOKEN_EXPIRED = TOKEN_INVALID;
    /** A throttling limit was reached (WSO2's 4008). */
    public static final int THROTTLED = 4008;

    private CloseCodes() {
    }
}
