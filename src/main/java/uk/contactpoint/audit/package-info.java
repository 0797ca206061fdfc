/**
 * The audit log: one event for every read or change of personal data, login and administrative act.
 * Written before any response leaves; if it cannot be written, the request fails.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "access")
package uk.contactpoint.audit;
