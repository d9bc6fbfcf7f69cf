/**
 * Authentication: finding the client's OAuth2 access token (Authorization header, subprotocols, query parameter) and
 * verifying it: JWTs offline against the snapshot's key-manager keys, opaque tokens through the configured
 * {@link dev.tollgate.gateway.TokenIntrospector} with a bounded cache.
 *
 * <p>The second decision of a handshake, after routing. JWT verification is CPU-only work on data already in memory,
 * so it runs on the event loop; introspection runs wherever the introspector runs it, and its answer comes back to
 * the event loop. Tokens are never logged and never echoed in a response.
 */
package dev.tollgate.gateway.auth;
