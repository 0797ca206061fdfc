package uk.contactpoint.notify;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each user's choice of how often they are emailed about their notifications (ADR 34). */
@Service
public class NotificationPreferences {

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationPreferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The user's choice, or the daily digest when they have made none. */
    @Transactional(readOnly = true)
    public EmailFrequency of(long userId) {
        return jdbc.sql("SELECT email FROM notification_preference WHERE user_id = :u").param("u", userId)
                .query(String.class).optional().map(EmailFrequency::valueOf).orElse(EmailFrequency.DAILY);
    }

    /**
     * Records the user's choice. Choosing no email also drops the emails still owed to them for the next
     * digest; choosing emails at once leaves those to the next digest.
     */
    @Transactional
    public void set(long userId, EmailFrequency frequency) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.sql("UPDATE notification_preference SET email = :f, changed_at = :now WHERE user_id = :u")
                .param("f", frequency.name()).param("now", now).param("u", userId).update() == 0) {
            jdbc.sql("INSERT INTO notification_preference (user_id, email, changed_at) VALUES (:u, :f, :now)")
                    .param("u", userId).param("f", frequency.name()).param("now", now).update();
        }
        if (frequency == EmailFrequency.NONE) {
            jdbc.sql("UPDATE notification SET email_to = NULL WHERE user_id = :u AND email_to IS NOT NULL")
                    .param("u", userId).update();
        }
    }
}
