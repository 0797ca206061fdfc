/** The reports module's scheduled job: alerting LA teams to overdue suppliers once a day. */
package uk.contactpoint.reports.internal;
