/**
 * Developer-portal applications: the subscribers of APIs and the owners of consumer keys. Each user sees and changes
 * only their own. Also the REST endpoints for an application's keys and tokens, which call the key manager.
 */
package dev.tollgate.server.application;
