/**
 * Safeguards: the one disclosure policy every output of child data passes through (shielding, sensitive
 * services, archived records, source identifiers), and the rule that access is audited before disclosure.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "access", "audit", "search"})
package uk.contactpoint.safeguards;
