/**
 * Throttling policies: the subscription plans ("business plans" such as Gold and Silver) that an API offers and a
 * subscription is made under, and the application plans. Read by the publisher, the developer portal, the admin REST
 * API and the runtime snapshot. The Admin portal's start page ({@code /admin}) lists them, and its forms under
 * {@code /admin/policies/{subscription|application|advanced}} create, edit and delete them.
 */
package dev.tollgate.server.policy;
