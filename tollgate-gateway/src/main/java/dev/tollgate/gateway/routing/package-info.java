/**
 * Routing: which API a request path {@code /<context>/<version>[/<rest>]} names.
 *
 * <p>The first decision of every handshake. A {@link dev.tollgate.gateway.routing.RoutingTable} is built once per
 * runtime snapshot, so a handshake only looks up a map.
 */
package dev.tollgate.gateway.routing;
