/**
 * The synthetic England generator: demo data, tests and benchmarks. Everything it makes is fictional,
 * built from public reference data (name frequencies, real postcodes, Ofcom drama phone numbers).
 * {@code PopulationGenerator} makes families and children for both the demo seeder and the national
 * {@link uk.contactpoint.synthetic.EnglandGenerator} (the {@code generate} command, docs/feeds.md).
 * {@link uk.contactpoint.synthetic.UsageSimulator} simulates practitioners' use of the directory with seeded
 * misuse and measures the misuse rules against it (the {@code simulate-usage} command, ADR 31).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "access", "audit"})
package uk.contactpoint.synthetic;
