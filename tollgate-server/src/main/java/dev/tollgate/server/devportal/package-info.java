/**
 * The developer portal's catalogue: published APIs with their plans and gateway URLs
 * ({@code /api/am/devportal/v3/apis}), readable without signing in.
 */
package dev.tollgate.server.devportal;
