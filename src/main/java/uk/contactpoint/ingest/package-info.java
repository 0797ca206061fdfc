/**
 * Ingestion of supplier feeds: reading a feed file as a stream, validating each row into a {@link
 * uk.contactpoint.ingest.FeedRecord} or a {@link uk.contactpoint.ingest.Reject} with a reason the supplier can
 * act on, and standardising good records for linkage. Public API in this package; {@code internal} is private.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "linkage", "safeguards"})
package uk.contactpoint.ingest;
