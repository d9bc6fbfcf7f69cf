/**
 * The relay: once both handshakes are done, WebSocket frames flow between the client leg and the backend leg until
 * both are closed.
 *
 * <p>Data and ping/pong frames pass through unchanged (decompressed and compressed again by each leg's own
 * permessage-deflate, if negotiated); a frame that breaks the protocol closes its leg with the matching code (1002,
 * 1007, 1009); close frames are forwarded with their code so that the close
 * handshake runs end to end; the loss of one leg closes the other within a second. Reading stops on one leg while the
 * other cannot take more. The {@link dev.tollgate.gateway.relay.ConnectionRegistry} knows every relayed connection
 * by API, so a new snapshot can end the ones it no longer allows.
 */
package dev.tollgate.gateway.relay;
