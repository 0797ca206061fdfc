/** The transfer requests' table and the nightly escalation of overdue ones. */
package uk.contactpoint.transfers.internal;
