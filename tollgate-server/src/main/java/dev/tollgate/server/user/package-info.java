/**
 * Portal users and their roles, stored in the database and used by both the pages (form login) and the REST APIs
 * (HTTP Basic). The {@code admin} user is created on first start. Pages: sign-up ({@code /devportal/signup}, the
 * subscriber role), one's own password ({@code /account}) and the admin's user list ({@code /admin/users}).
 */
package dev.tollgate.server.user;
