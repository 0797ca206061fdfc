package uk.contactpoint.notify.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import uk.contactpoint.notify.Notification;

/**
 * Delivers each notification after the publishing transaction commits: stores it for the user's home page
 * and emails it when a mail server is configured ({@code spring.mail.host}) and the user has an address.
 * A failure leaves the event publication incomplete, so it is retried; logs carry ids, never addresses.
 */
@Component
class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private final NotificationStore store;
    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final Clock clock;

    NotificationDelivery(NotificationStore store, ObjectProvider<JavaMailSender> mail,
                         @Value("${contactpoint.mail.from:contactpoint@localhost}") String from, Clock clock) {
        this.store = store;
        this.mail = mail;
        this.from = from;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void deliver(Notification notification) {
        long id = store.insert(notification, clock.instant());
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || notification.email() == null || notification.email().isBlank()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(notification.email());
        message.setSubject("ContactPoint: " + notification.subject());
        message.setText(notification.body() + "\n\nThis message is from ContactPoint. Do not reply to it.");
        sender.send(message);
        store.emailed(id, clock.instant());
        log.info("Notification {} emailed to user {}", id, notification.userId());
    }
}
