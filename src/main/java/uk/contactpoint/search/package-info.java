/**
 * Practitioner search: which children a set of criteria could mean. Candidates come from the directory's
 * blocking-key index (one indexed lookup per key), and are scored with the linkage engine; a shielded child
 * can be found only through the fields that stay visible on it (name, date of birth, sex). The same
 * candidates and scoring find a new record's likely duplicates before an LA data manager creates it (ADR 17).
 * What a viewer may see of the results, and the audit of every search, are the safeguards module's.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "linkage"})
package uk.contactpoint.search;
