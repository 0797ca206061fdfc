package uk.contactpoint.notify.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.notify.Notification;
import uk.contactpoint.notify.Notifications;

/** The notification table. */
@Repository
public class NotificationStore {

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Notification n, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notification (user_id, created_at, subject, body) VALUES (:u, :t, :s, :b)")
                .param("u", n.userId()).param("t", Timestamp.from(now)).param("s", n.subject()).param("b", n.body())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void emailed(long id, Instant now) {
        jdbc.sql("UPDATE notification SET emailed_at = :t WHERE id = :id").param("t", Timestamp.from(now)).param("id", id).update();
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
