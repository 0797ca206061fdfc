/** Safeguards' scheduled jobs. */
package uk.contactpoint.safeguards.internal;
