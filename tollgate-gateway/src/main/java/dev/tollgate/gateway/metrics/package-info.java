/**
 * Metrics: what the gateway reports to Micrometer when a registry is configured, and nothing otherwise.
 *
 * <p>Handshakes report their outcome, relayed frames their count and size per API, closes their code. Meters are
 * created once per API (or outcome, or code) and cached, so relaying a frame increments counters without allocating.
 */
package dev.tollgate.gateway.metrics;
