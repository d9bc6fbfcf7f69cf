/**
 * The publisher's WebSocket APIs: design (name, context, version, endpoint, business plans), validation, storage and
 * the publisher REST API {@code /api/am/publisher/v4/apis}. The lifecycle lives beside it in {@code lifecycle}.
 */
package dev.tollgate.server.api;
