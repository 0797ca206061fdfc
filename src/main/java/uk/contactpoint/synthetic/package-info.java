/**
 * The synthetic England generator: demo data, tests and benchmarks. Everything it makes is fictional,
 * built from public reference data (name frequencies, real postcodes, Ofcom drama phone numbers).
 */
package uk.contactpoint.synthetic;
