/**
 * The shared vocabulary of Tollgate: plain, immutable records with no framework in them.
 *
 * <p>The control plane owns all state and publishes it to gateways as a {@link dev.tollgate.model.RuntimeSnapshot};
 * the gateway answers every handshake from the snapshot it holds, never from the database.
 */
package dev.tollgate.model;
