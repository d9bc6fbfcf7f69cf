/**
 * Per-message throttling: the business plans of WSO2 API Manager enforced on WebSocket frames.
 *
 * <p>Where it sits in a request's path: at the handshake, {@link dev.tollgate.gateway.throttle.Throttling#admit}
 * resolves the subscription's, the application's and the API's plans from the snapshot; when all three are unlimited
 * the connection gets no throttle at all (no handler, no lookups), otherwise a spent quota is refused with 429 and
 * {@code Retry-After} before any {@code 101}. Once relaying, a {@code ThrottleHandler} sits in front of the relay on
 * each leg and counts every data frame (text, binary and each continuation: WSO2 counts frames, not messages) against
 * the three quotas; control frames never count. The first quota that is spent decides: the frame is dropped and the
 * client is told ({@code Error code: 4008 reason: Websocket frame throttled out}), or both legs are closed with 4008.
 *
 * <p>Quotas are Bucket4j buckets with intervally refilled bandwidths (N per window, back in full after the window),
 * one per subscription, application and API, shared by all connections of that subject on the gateway, or across
 * gateways through Redis (see {@link dev.tollgate.gateway.throttle.SharedQuota}). New snapshots re-resolve every
 * quota's plan, and the next frame uses the new limits.
 */
package dev.tollgate.gateway.throttle;
