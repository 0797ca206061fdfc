package uk.contactpoint.notify.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import uk.contactpoint.notify.EmailFrequency;
import uk.contactpoint.notify.Notification;
import uk.contactpoint.notify.NotificationPreferences;

/**
 * Delivers each notification after the publishing transaction commits: stores it for the user's pages and,
 * when a mail server is configured ({@code spring.mail.host}) and the user has an address, emails it at once
 * (an account message, or a notice for a user who chose so) or leaves the email owed to the daily digest.
 * A failure leaves the event publication incomplete, so it is retried (the stored row rolls back with it);
 * logs carry ids, never addresses.
 */
@Component
class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private final NotificationStore store;
    private final NotificationEmails emails;
    private final NotificationPreferences preferences;
    private final Clock clock;

    NotificationDelivery(NotificationStore store, NotificationEmails emails, NotificationPreferences preferences, Clock clock) {
        this.store = store;
        this.emails = emails;
        this.preferences = preferences;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void deliver(Notification notification) {
        boolean account = notification.kind() == Notification.Kind.ACCOUNT;
        EmailFrequency frequency = account ? EmailFrequency.IMMEDIATE : preferences.of(notification.userId());
        boolean email = emails.available() && notification.email() != null && !notification.email().isBlank()
                && frequency != EmailFrequency.NONE;
        long id = store.insert(notification, email ? notification.email().strip() : null, clock.instant());
        if (!email || frequency != EmailFrequency.IMMEDIATE || !store.claim(id, clock.instant())) {
            return;
        }
        if (account) {
            emails.sendAccount(notification.email().strip(), notification);
        } else {
            emails.sendNotice(notification.email().strip());
        }
        log.info("Notification {} emailed to user {}", id, notification.userId());
    }
}
