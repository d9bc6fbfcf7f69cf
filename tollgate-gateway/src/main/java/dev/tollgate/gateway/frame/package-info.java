/**
 * Byte-level helpers for WebSocket frames that the gateway relays without decoding into objects: masking (RFC 6455
 * section 5.3) and incremental UTF-8 validation, both working on payloads where they lie; and the handshake's
 * {@code Sec-WebSocket-Accept} (section 4.2.2), which both legs' upgrades compute.
 */
package dev.tollgate.gateway.frame;
