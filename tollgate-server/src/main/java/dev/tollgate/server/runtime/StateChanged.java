package dev.tollgate.server.runtime;

/**
 * Published by a service inside its transaction when it changes something gateways act on; after the commit the
 * runtime snapshot is rebuilt and handed to the gateways.
 */
public record StateChanged(String what) {
}
