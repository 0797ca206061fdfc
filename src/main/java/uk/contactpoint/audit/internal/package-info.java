/** How audit events are stored. Private to the audit module. */
package uk.contactpoint.audit.internal;
