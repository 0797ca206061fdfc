/** The blocking-key index kept up to date and the default linkage model. */
package uk.contactpoint.search.internal;
