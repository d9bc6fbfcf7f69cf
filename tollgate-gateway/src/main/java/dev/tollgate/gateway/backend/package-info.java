/**
 * The backend leg: connecting to an API's endpoint ({@code ws://} or {@code wss://}) on the client's event loop,
 * forwarding the client's request, and driving the backend's WebSocket handshake to a {@code 101} or a failure the
 * handshake can answer with (502, 504, or the backend's own status).
 *
 * <p>Runs after the client is authenticated and subscribed, before the client gets its {@code 101}.
 */
package dev.tollgate.gateway.backend;
