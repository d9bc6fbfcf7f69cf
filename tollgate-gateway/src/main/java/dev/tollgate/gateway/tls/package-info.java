/**
 * TLS on both legs: the server context for {@code wss} clients and the client context for {@code wss://} backends.
 *
 * <p>The outermost layer of a client connection and of a secure backend connection. OpenSSL (BoringSSL through
 * netty-tcnative) is used when it loads, the JDK's TLS otherwise.
 */
package dev.tollgate.gateway.tls;
