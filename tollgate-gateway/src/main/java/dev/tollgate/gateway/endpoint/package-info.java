/**
 * Endpoint resilience, WSO2's "Endpoint Advanced Configurations": retries of a failed backend connect, and the
 * suspension of an endpoint that keeps failing, so that later handshakes fail fast with 503 instead of waiting on it.
 *
 * <p>Sits between the handshake's last stage and the backend connector. The state of each API's endpoint lives in the
 * {@link dev.tollgate.gateway.endpoint.EndpointRegistry}, which outlives snapshot swaps.
 */
package dev.tollgate.gateway.endpoint;
