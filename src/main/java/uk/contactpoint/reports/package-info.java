/**
 * Reports for LA ContactPoint teams and national administrators (ADR 40): children missing education, data
 * quality, and the same figures across all authorities; each table exportable as CSV and each chart drawn here as
 * accessible SVG beside its table. Uses {@code directory}, {@code ingest} (feeds, the review queue, the supplier
 * register), {@code audit} (lists of children are audited), {@code access} (who asks), {@code safeguards} (what a
 * list may show of a child) and {@code notify} (overdue suppliers are told to the LA teams).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "ingest", "audit", "access", "safeguards", "notify"})
package uk.contactpoint.reports;
