/**
 * Transfers between local authorities (ADR 42): when a child's address comes to lie in another authority's area
 * (a feed's address, or the responsible LA's own correction), the receiving LA's ContactPoint team accepts
 * responsibility (re-confirming or lifting any shield) or declines it with a reason, within a set number of English
 * working days, or the request is escalated to national administrators. On acceptance the directory moves the
 * responsible LA and keeps its history, and both teams and the involved practitioners are told. Also the list of an
 * LA's children who left England. Every read goes through the safeguards disclosure policy and is audited.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "access", "audit", "safeguards", "notify"})
package uk.contactpoint.transfers;
