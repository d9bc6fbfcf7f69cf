/**
 * Tollgate's benchmark harness: the command line ({@link dev.tollgate.bench.BenchCommand}), the load settings and
 * the reports it prints as text and JSON.
 *
 * <p>It sits outside the request path: it plays the WebSocket clients that {@code bench/run.sh} points at the echo
 * backend directly, at nginx, and at the Tollgate gateway. The Netty client itself lives in
 * {@link dev.tollgate.bench.client}.
 */
package dev.tollgate.bench;
