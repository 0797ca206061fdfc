package uk.contactpoint.notify;

/**
 * A message for one user: published as an event by the module that has something to say. {@code email}
 * may be null (in-app only). Subject and body must not name a child.
 */
public record Notification(long userId, String email, String subject, String body) {

    @Override
    public String toString() {
        return "Notification[userId=" + userId + "]";
    }
}
