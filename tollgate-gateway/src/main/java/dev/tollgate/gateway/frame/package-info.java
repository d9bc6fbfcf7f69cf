/**
 * Byte-level helpers for WebSocket frames that the gateway relays without decoding into objects: masking (RFC 6455
 * section 5.3) and incremental UTF-8 validation, both working on payloads where they lie.
 */
package dev.tollgate.gateway.frame;
