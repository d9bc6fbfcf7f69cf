/**
 * The developer portal's catalogue: published APIs with their plans and gateway URLs
 * ({@code /api/am/devportal/v3/apis}), readable without signing in; and its pages ({@code /devportal}): the catalogue,
 * each API's page with the wscat commands, the KEY GENERATION WIZARD and the Try out console (templates under
 * {@code templates/devportal/}, scripts in {@code static/js/}).
 */
package dev.tollgate.server.devportal;
