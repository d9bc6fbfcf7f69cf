/**
 * The bridge from the control plane to the data plane: after every committed change the runtime snapshot is rebuilt
 * from the store and handed to the gateways. In all-in-one mode this package also starts the gateway and the sample
 * echo backend in process, and knows the gateway URLs shown to users.
 */
package dev.tollgate.server.runtime;
