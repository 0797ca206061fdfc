package uk.contactpoint.notify.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.notify.Notification;
import uk.contactpoint.notify.Notifications;

/**
 * The notification table. {@code email_to} holds the address an email is still owed to (null: none owed); an
 * email is sent only by the caller that claimed the rows, by moving them from owed to emailed in one UPDATE,
 * so that two nodes never both send one (ADR 34).
 */
@Repository
public class NotificationStore {

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Notification n, String emailOwedTo, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notification (user_id, created_at, subject, body, email_to) VALUES (:u, :t, :s, :b, :e)")
                .param("u", n.userId()).param("t", Timestamp.from(now)).param("s", n.subject()).param("b", n.body())
                .param("e", emailOwedTo, java.sql.Types.VARCHAR)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Claims the email owed for one notification: true for the one caller that may now send it. */
    boolean claim(long id, Instant now) {
        return jdbc.sql("UPDATE notification SET emailed_at = :t, email_to = NULL WHERE id = :id AND email_to IS NOT NULL")
                .param("t", Timestamp.from(now)).param("id", id).update() == 1;
    }

    /** Users owed an email for a notification made before this moment, at most {@code limit}, after {@code afterUser}. */
    List<Long> usersOwed(Instant before, long afterUser, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT user_id FROM notification
                        WHERE email_to IS NOT NULL AND created_at < :before AND user_id > :after
                        ORDER BY user_id FETCH FIRST :n ROWS ONLY""")
                .param("before", Timestamp.from(before)).param("after", afterUser).param("n", limit)
                .query(Long.class).list();
    }

    /** The address the user's newest owed email is for. */
    Optional<String> owedAddress(long userId, Instant before) {
        return jdbc.sql("""
                        SELECT email_to FROM notification WHERE user_id = :u AND email_to IS NOT NULL AND created_at < :before
                        ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""")
                .param("u", userId).param("before", Timestamp.from(before)).query(String.class).optional();
    }

    /**
     * Claims every email owed to the user for notifications made before a moment; returns how many. A second
     * node running the same claim waits for the first to commit and then finds nothing left.
     */
    int claimOwed(long userId, Instant before, Instant now) {
        return jdbc.sql("""
                        UPDATE notification SET emailed_at = :now, email_to = NULL
                        WHERE user_id = :u AND email_to IS NOT NULL AND created_at < :before""")
                .param("now", Timestamp.from(now)).param("u", userId).param("before", Timestamp.from(before)).update();
    }

    public List<Notifications.Sent> of(long userId, int limit) {
        return jdbc.sql("""
                        SELECT id, created_at, subject, body, emailed_at FROM notification WHERE user_id = :u
                        ORDER BY created_at DESC, id DESC FETCH FIRST :n ROWS ONLY""")
                .param("u", userId).param("n", limit)
                .query((rs, i) -> new Notifications.Sent(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5) != null))
                .list();
    }
}
