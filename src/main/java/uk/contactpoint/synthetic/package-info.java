/**
 * The synthetic England generator: demo data, tests and benchmarks. Everything it makes is fictional,
 * built from public reference data (name frequencies, real postcodes, Ofcom drama phone numbers).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "access"})
package uk.contactpoint.synthetic;
