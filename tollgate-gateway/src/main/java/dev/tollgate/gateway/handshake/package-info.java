/**
 * The client's WebSocket handshake: one handler that runs a stage per decision, in the order the gateway takes them:
 * is it an upgrade request, which API does it route to, may a page from its origin connect, who is the caller, are
 * they subscribed, may they connect now, and can the backend be reached.
 *
 * <p>Each stage either passes the aggregated upgrade request on or refuses it with an HTTP error and a small JSON
 * body, before any {@code 101}. The last stage completes the client's handshake with the backend's subprotocol and
 * hands the connection to the relay, which removes the handshake handler from the pipeline.
 */
package dev.tollgate.gateway.handshake;
