/**
 * The runtime snapshot as the gateway uses it: the control plane's immutable
 * {@link dev.tollgate.model.RuntimeSnapshot} together with what is derived from it once (the routing table, the token
 * verifier), swapped atomically when a newer revision arrives.
 *
 * <p>Every handshake reads one {@link dev.tollgate.gateway.snapshot.ActiveSnapshot} and uses it throughout, so a
 * swap in the middle of a handshake cannot mix two revisions.
 */
package dev.tollgate.gateway.snapshot;
