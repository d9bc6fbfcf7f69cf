package dev.tollgate.model;

/**
 * What the gateway does with a WebSocket frame over a plan's quota, with the control plane's spelling
 * ({@code onQuotaExceeded}).
 */
public enum QuotaAction {
    /** WSO2's behaviour: the frame is dropped and its sender is told with a text frame carrying error code 4008. */
    DROP_FRAME,
    /** Both legs of the connection are closed with close code 4008. */
    CLOSE_CONNECTION
}
