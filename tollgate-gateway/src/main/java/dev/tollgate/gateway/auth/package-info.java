/**
 * Authentication: finding the client's OAuth2 access token and verifying it offline against the snapshot's
 * key-manager keys.
 *
 * <p>The second decision of a handshake, after routing. Everything here is CPU-only work on data already in memory,
 * so it runs on the event loop. Tokens are never logged and never echoed in a response.
 */
package dev.tollgate.gateway.auth;
