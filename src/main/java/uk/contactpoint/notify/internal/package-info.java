/** Storage and delivery of notifications. */
package uk.contactpoint.notify.internal;
