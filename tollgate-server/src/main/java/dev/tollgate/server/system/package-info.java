/**
 * What every request passes through before a feature sees it: HTTPS, security (who may call what, the sign-in page
 * and its throttling), the one JSON error shape of the REST APIs, and for the portal pages the shared layout, the
 * viewer in the model and the error page ({@link dev.tollgate.server.system.PortalController}).
 */
package dev.tollgate.server.system;
