package dev.tollgate.gateway.throttle;

/** Where a gateway keeps its throttling counters; shown by the control plane's health endpoint. */
public enum ThrottlingMode {
    /** No Redis configured: every gateway counts on its own. */
    LOCAL,
    /** Counters are shared with the other gateways through Redis. */
    SHARED,
    /** Redis is configured but unreachable: the gateway keeps serving, counting on its own until Redis is back. */
    LOCAL_FALLBACK
}
