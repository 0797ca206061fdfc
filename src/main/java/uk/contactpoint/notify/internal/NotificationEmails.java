package uk.contactpoint.notify.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import uk.contactpoint.notify.Notification;

/**
 * Writes and sends the emails. A notice's email says only that there is something to read and where: no
 * subject or body of the notification, so nothing about a child ever leaves in an email (ADR 34).
 */
@Component
class NotificationEmails {

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final String baseUrl;

    NotificationEmails(ObjectProvider<JavaMailSender> mail,
                       @Value("${contactpoint.mail.from:contactpoint@localhost}") String from,
                       @Value("${contactpoint.base-url:http://localhost:8080}") String baseUrl) {
        this.mail = mail;
        this.from = from;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Whether the service has a mail server ({@code spring.mail.host}). */
    boolean available() {
        return mail.getIfAvailable() != null;
    }

    void sendAccount(String to, Notification n) {
        send(to, "ContactPoint: " + n.subject(), n.body());
    }

    void sendNotice(String to) {
        send(to, "ContactPoint: you have a new notification",
                "You have a new notification in ContactPoint.\n\nSign in to read it: " + baseUrl + "/notifications"
                        + "\n\nTo choose how often we email you, sign in and go to " + baseUrl + "/notifications/settings");
    }

    void sendDigest(String to, int count) {
        send(to, "ContactPoint: your daily summary",
                "You have " + count + (count == 1 ? " new notification" : " new notifications") + " in ContactPoint."
                        + "\n\nSign in to read them: " + baseUrl + "/notifications"
                        + "\n\nTo choose how often we email you, sign in and go to " + baseUrl + "/notifications/settings");
    }

    private void send(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text + "\n\nThis message is from ContactPoint. Do not reply to it.");
        mail.getObject().send(message);
    }
}
