/**
 * Developer-portal applications: the subscribers of APIs and the owners of consumer keys. Each user sees and changes
 * only their own. Also the REST endpoints for an application's keys and tokens, which call the key manager, and the
 * Developer Portal's Applications page ({@code /devportal/applications}) and each application's page
 * ({@code /devportal/applications/{id}}: edit, subscriptions, keys and tokens), templates under
 * {@code templates/application/}.
 */
package dev.tollgate.server.application;
