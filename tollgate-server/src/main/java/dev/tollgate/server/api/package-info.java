/**
 * The publisher's WebSocket APIs: design (name, context, version, endpoint, business plans), validation, storage and
 * the publisher REST API {@code /api/am/publisher/v4/apis}, and the lifecycle ({@link dev.tollgate.server.api.LifecycleService}).
 * The Publisher portal's pages ({@code /publisher}: list, design form, Overview, Endpoint, LIFECYCLE) call the same
 * services; their templates are under {@code templates/api/}.
 */
package dev.tollgate.server.api;
