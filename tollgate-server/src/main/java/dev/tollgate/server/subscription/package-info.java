/**
 * Subscriptions: an application subscribed to a published API under one of the business plans the API offers. The
 * gateway lets a token through only for APIs its application is subscribed to. The Developer Portal's Subscriptions
 * page ({@code /devportal/subscriptions}) lists and removes them; a publisher blocks and unblocks them on the API's
 * SUBSCRIPTIONS tab ({@code /publisher/apis/{id}/subscriptions}).
 */
package dev.tollgate.server.subscription;
