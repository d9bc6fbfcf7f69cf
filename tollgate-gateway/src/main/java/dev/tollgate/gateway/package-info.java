/**
 * The gateway's public face: start a {@link dev.tollgate.gateway.Gateway} with a
 * {@link dev.tollgate.gateway.GatewayConfig} and a runtime snapshot, feed it newer snapshots, close it.
 *
 * <p>Clients connect here ({@code ws} and {@code wss}); each handshake is answered from the snapshot the gateway holds,
 * and accepted connections are relayed frame by frame to the API's backend endpoint. The sub-packages hold the
 * implementation in the order a request meets it: {@code server} (listeners and pipeline), {@code handshake}
 * (upgrade, route, authenticate, subscription), {@code endpoint} (retries and suspension), {@code backend} (connect),
 * {@code relay} (frames), with {@code compression}, {@code routing}, {@code auth}, {@code connection}, {@code tls},
 * {@code transport} and {@code metrics} beside them.
 */
package dev.tollgate.gateway;
