/**
 * One client connection through the gateway: its per-connection state ({@link dev.tollgate.gateway.connection.Connection}),
 * the names of its pipeline handlers, and the review that decides whether a new snapshot still allows it.
 *
 * <p>Created when a client connects, filled in by the handshake stages (route, token, subscription, backend) and read
 * by the relay until both legs are closed.
 */
package dev.tollgate.gateway.connection;
