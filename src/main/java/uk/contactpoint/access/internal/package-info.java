/** Storage of user accounts and the Spring Security configuration. Private to the access module. */
package uk.contactpoint.access.internal;
