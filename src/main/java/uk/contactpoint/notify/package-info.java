/**
 * Notifications to users: in the service (a list on their home page) and by email over SMTP when the
 * service has a mail server and the user an address. Other modules publish a {@link Notification}; it is
 * delivered after their transaction commits, through the event publication registry, so a notification is
 * neither lost nor sent for a change that rolled back. Emails about children only say that there is a
 * notification, at once, in the daily digest or never as each user chose ({@link NotificationPreferences});
 * each is emailed at most once in a cluster (ADR 34). A notification names a child by ContactPoint ID at most,
 * never by name, date of birth or address.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package uk.contactpoint.notify;
