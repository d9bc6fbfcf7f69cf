/**
 * The Tollgate control plane, packaged by feature: {@code api} and {@code lifecycle} (publisher), {@code devportal},
 * {@code application}, {@code subscription}, {@code keymanager} (OAuth2), {@code policy} (business plans),
 * {@code user}, {@code runtime} (the snapshot handed to gateways) and {@code system} (TLS, security, errors, start-up).
 */
package dev.tollgate.server;
