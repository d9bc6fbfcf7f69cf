/**
 * Portal users and their roles, stored in the database and used by both the pages (form login) and the REST APIs
 * (HTTP Basic). The {@code admin} user is created on first start.
 */
package dev.tollgate.server.user;
