package uk.contactpoint.notify;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import uk.contactpoint.notify.internal.NotificationStore;

/** A user's notifications, newest first. */
@Service
public class Notifications {

    /** One notification as the user sees it. */
    public record Sent(long id, Instant createdAt, String subject, String body, boolean emailed) {
    }

    private final NotificationStore store;

    Notifications(NotificationStore store) {
        this.store = store;
    }

    public List<Sent> of(long userId, int limit) {
        return store.of(userId, limit);
    }
}
