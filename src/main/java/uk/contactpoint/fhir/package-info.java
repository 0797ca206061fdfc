/**
 * The FHIR R4 facade (ADR 39): a HAPI FHIR plain server at {@code /fhir} serving {@code Patient},
 * {@code RelatedPerson} and {@code CareTeam} for case management systems. It holds no rules of its own: searches
 * and record reads go through the safeguards services the web pages use, which apply the one disclosure policy
 * and audit before anything is returned; this module only translates their answers into FHIR resources.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "access", "audit", "safeguards", "search"})
package uk.contactpoint.fhir;
