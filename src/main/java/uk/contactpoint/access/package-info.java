/**
 * Users, their organisations and roles, vetting, login and sessions. {@link uk.contactpoint.access.Viewer}
 * is who is asking, as every other module sees it. Account changes are published as {@link
 * uk.contactpoint.access.AccountEvent}s (audited) and tell people through {@code notify} (ADR 9).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"notify"})
package uk.contactpoint.access;
