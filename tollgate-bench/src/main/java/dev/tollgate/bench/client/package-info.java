/**
 * The load generator's Netty WebSocket client: connection set-up with bounded concurrency, the per-connection
 * message handlers (closed loop or fixed rate, round trip stamped in the payload) and the handshake loop.
 *
 * <p>Everything here runs on the client's own event loops; the calling thread only starts, times and stops a run.
 */
package dev.tollgate.bench.client;
