/**
 * The audit log: one event for every read or change of personal data, login and administrative act.
 * Written before any response leaves; if it cannot be written, the request fails.
 */
package uk.contactpoint.audit;
