/**
 * Users, their organisations and roles, vetting, login and sessions. {@link uk.contactpoint.access.Viewer}
 * is who is asking, as every other module sees it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package uk.contactpoint.access;
