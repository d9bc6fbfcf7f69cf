/**
 * The I/O transport under both legs: native epoll on Linux when it loads, Java NIO otherwise.
 *
 * <p>Chosen once when the gateway starts; listeners and backend connections share one event loop group, and a
 * backend connection runs on its client's event loop.
 */
package dev.tollgate.gateway.transport;
