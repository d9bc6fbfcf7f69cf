/**
 * The resident key manager, built on Spring Authorization Server: OAuth2 clients (consumer keys) for applications,
 * RS256 JWT access tokens ({@code /oauth2/token} with client_credentials, password and refresh_token), JWKS,
 * introspection and revocation, and the signing keys and revoked token ids that gateways verify tokens with.
 */
package dev.tollgate.server.keymanager;
