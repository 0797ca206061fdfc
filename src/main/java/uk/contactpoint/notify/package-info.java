/**
 * Notifications to users: in the service (a list on their home page) and by email over SMTP when the
 * service has a mail server and the user an address. Other modules publish a {@link Notification}; it is
 * delivered after their transaction commits, through the event publication registry, so a notification is
 * neither lost nor sent for a change that rolled back. Never carries a child's details.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package uk.contactpoint.notify;
