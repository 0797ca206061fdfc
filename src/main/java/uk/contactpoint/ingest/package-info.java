/**
 * Ingestion of supplier feeds: reading a feed file as a stream, validating each row into a {@link
 * uk.contactpoint.ingest.FeedRecord} or a {@link uk.contactpoint.ingest.Reject} with a reason the supplier can
 * act on, and standardising good records for linkage; then the LA data managers' side: the review queue of
 * possible matches, their decisions (which later runs never undo) and merging records (ADR 15). That side
 * uses {@code access} (who is deciding) and {@code audit} (every decision and every view is audited in the
 * same transaction). Public API in this package; {@code internal} is private.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "linkage", "safeguards", "access", "audit"})
package uk.contactpoint.ingest;
