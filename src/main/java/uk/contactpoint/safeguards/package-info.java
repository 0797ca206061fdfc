/**
 * Safeguards: the one disclosure policy every output of child data passes through (shielding, sensitive
 * services, archived records, source identifiers), and the rule that access is audited before disclosure;
 * and the paths that read and change records under both: search, opening a record, shielding, break-glass
 * (ADR 23), records created and corrected by hand by LA data managers (ADR 17), new identities and the archive
 * (ADR 28).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "access", "audit", "search", "notify"})
package uk.contactpoint.safeguards;
