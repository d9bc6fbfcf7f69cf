/**
 * The listeners: binding the {@code ws} and {@code wss} ports, the client pipeline each accepted connection starts
 * with, and the orderly start and stop of everything the gateway owns.
 *
 * <p>{@link dev.tollgate.gateway.Gateway} delegates here; this is where a client's connection enters the gateway.
 */
package dev.tollgate.gateway.server;
