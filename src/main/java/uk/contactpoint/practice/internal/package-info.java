/** The practice module's own tables: grounds of sensitive entries, lead professional proposals, inaccuracy reports. */
package uk.contactpoint.practice.internal;
