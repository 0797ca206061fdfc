package uk.contactpoint.notify;

/**
 * A message for one user: published as an event by the module that has something to say. {@code email}
 * may be null (in-app only). Subject and body must not name a child; they are shown in the service only,
 * except for {@link Kind#ACCOUNT} messages (ADR 34).
 */
public record Notification(long userId, String email, String subject, String body, Kind kind) {

    /** How a notification is emailed. */
    public enum Kind {
        /**
         * About the user's own account (vetting, suspension, a reset of their sign-in): emailed at once with its
         * subject and body, whatever the user chose, because it may stop them working or warn of a takeover.
         */
        ACCOUNT,
        /**
         * About the user's work with children: emailed as the user chose (at once, in the daily digest, or not at
         * all), and the email only says that there is a notification and links to the service.
         */
        NOTICE
    }

    public Notification {
        // A publication stored before kinds existed comes back without one: it was a notice.
        if (kind == null) {
            kind = Kind.NOTICE;
        }
    }

    /** A notice about the user's work with children (emailed as the user chose, without content). */
    public Notification(long userId, String email, String subject, String body) {
        this(userId, email, subject, body, Kind.NOTICE);
    }

    /** A message about the user's own account, emailed at once with its content. */
    public static Notification account(long userId, String email, String subject, String body) {
        return new Notification(userId, email, subject, body, Kind.ACCOUNT);
    }

    @Override
    public String toString() {
        return "Notification[userId=" + userId + ", kind=" + kind + "]";
    }
}
