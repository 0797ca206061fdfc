/**
 * Record linkage: standardisation, blocking, Fellegi-Sunter scoring with m estimated by EM and u by random
 * sampling, decision bands with hard conflicts, and guarded clustering. Plain Java, no Spring and no
 * database, so the {@code link} command, ingestion and search share one engine. Public API: {@link
 * uk.contactpoint.linkage.RecordLinker}, {@link uk.contactpoint.linkage.LinkageModel} and the value types
 * beside them; everything else in this package is package-private.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package uk.contactpoint.linkage;
