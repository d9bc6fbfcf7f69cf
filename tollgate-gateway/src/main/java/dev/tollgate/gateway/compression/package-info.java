/**
 * permessage-deflate (RFC 7692), negotiated on each leg independently: the gateway answers the client's offer itself
 * and makes its own offer to the backend, so either leg, both or neither may compress.
 *
 * <p>The negotiators sit in each leg's pipeline during the handshake and install Netty's deflate codec between the
 * frame codec and the relay once the leg's {@code 101} has passed; the relay itself only sees uncompressed frames.
 */
package dev.tollgate.gateway.compression;
