/**
 * The I/O transport under both legs: io_uring on Linux when the kernel allows it, else epoll, else Java NIO
 * ({@code tollgate.gateway.transport} picks one by name).
 *
 * <p>io_uring is preferred because a relay does one small read and one small write per message per leg: epoll needs
 * a system call for each, io_uring submits a whole event-loop turn's reads and writes, and reaps their completions,
 * in one. Each event loop has a receive buffer ring, so an idle socket holds no buffer while its receive is pending.
 *
 * <p>Chosen once when the gateway starts; listeners and backend connections share one event loop group, and a
 * backend connection runs on its client's event loop.
 */
package dev.tollgate.gateway.transport;
