/**
 * A small WebSocket echo server: the backend the tutorial and the benchmark talk to when no real backend exists.
 *
 * <p>It sits behind the gateway, at the far end of a relayed connection. It accepts any path and any offered
 * subprotocol, echoes every data frame as it arrived (fragments stay fragments), answers pings and completes the close
 * handshake with the client's own close code. {@link dev.tollgate.echo.EchoServer} is the only entry point.
 */
package dev.tollgate.echo;
