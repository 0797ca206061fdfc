package uk.contactpoint.transfers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.transfers.TransferRequest;

/** The {@code la_transfer} table (V37). */
@Repository
public class TransferRepository {

    private static final String COLUMNS = """
            SELECT id, child_id, from_la, to_la, source, raised_by, raised_at, raised_on, due_on, status, escalated_at,
                   decided_by, decided_at, decline_reason, shield_outcome FROM la_transfer""";

    private final JdbcClient jdbc;

    TransferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long childId, String from, String to, String source, String raisedBy, Instant now, LocalDate today,
                       LocalDate due) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO la_transfer (child_id, from_la, to_la, source, raised_by, raised_at, raised_on, due_on,
                            status, open_child_id)
                        VALUES (:child, :from, :to, :source, :by, :now, :today, :due, 'PENDING', :child)""")
                .param("child", childId).param("from", from).param("to", to).param("source", source)
                .param("by", raisedBy).param("now", Timestamp.from(now)).param("today", today).param("due", due)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public Optional<TransferRequest> find(long id) {
        return jdbc.sql(COLUMNS + " WHERE id = :id").param("id", id).query((rs, n) -> row(rs)).optional();
    }

    /** A waiting request, its row locked until the transaction ends. */
    public Optional<TransferRequest> lockPending(long id) {
        return jdbc.sql(COLUMNS + " WHERE id = :id AND status = 'PENDING' FOR UPDATE").param("id", id)
                .query((rs, n) -> row(rs)).optional();
    }

    public Optional<TransferRequest> pendingFor(long childId) {
        return jdbc.sql(COLUMNS + " WHERE open_child_id = :child").param("child", childId).query((rs, n) -> row(rs)).optional();
    }

    /** Whether the receiving LA declined a request for this child since a day. */
    public boolean declinedSince(long childId, String to, LocalDate since) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM la_transfer WHERE child_id = :child AND to_la = :to AND status = 'DECLINED'
                            AND raised_on >= :since""")
                .param("child", childId).param("to", to).param("since", since).query(Long.class).single() > 0;
    }

    /** How many requests to an LA raised on a day are waiting, besides this one. */
    public long otherPendingRaisedOn(String to, LocalDate day, long except) {
        return jdbc.sql("SELECT COUNT(*) FROM la_transfer WHERE to_la = :to AND status = 'PENDING' AND raised_on = :day AND id <> :id")
                .param("to", to).param("day", day).param("id", except).query(Long.class).single();
    }

    /** Closes a waiting request; false when it was no longer waiting. */
    public boolean close(long id, TransferRequest.Status status, String by, Instant at, String declineReason,
                         String shieldOutcome) {
        return jdbc.sql("""
                        UPDATE la_transfer SET status = :status, open_child_id = NULL, decided_by = :by, decided_at = :at,
                            decline_reason = :reason, shield_outcome = :shield
                        WHERE id = :id AND status = 'PENDING'""")
                .param("status", status.name()).param("by", by).param("at", Timestamp.from(at))
                .param("reason", declineReason).param("shield", shieldOutcome).param("id", id).update() == 1;
    }

    /** Waiting requests to an LA, oldest due first, then the ones decided since a day (at most {@code limit}). */
    public List<TransferRequest> incoming(String la, Instant decidedSince, int limit) {
        return jdbc.sql(COLUMNS + """
                         WHERE to_la = :la AND (status = 'PENDING' OR decided_at >= :since)
                        ORDER BY CASE WHEN status = 'PENDING' THEN 0 ELSE 1 END, due_on, id FETCH FIRST :limit ROWS ONLY""")
                .param("la", la).param("since", Timestamp.from(decidedSince)).param("limit", limit)
                .query((rs, n) -> row(rs)).list();
    }

    /** Requests from an LA waiting or decided since a day, newest first (at most {@code limit}). */
    public List<TransferRequest> outgoing(String la, Instant decidedSince, int limit) {
        return jdbc.sql(COLUMNS + """
                         WHERE from_la = :la AND (status = 'PENDING' OR decided_at >= :since)
                        ORDER BY CASE WHEN status = 'PENDING' THEN 0 ELSE 1 END, raised_at DESC, id FETCH FIRST :limit ROWS ONLY""")
                .param("la", la).param("since", Timestamp.from(decidedSince)).param("limit", limit)
                .query((rs, n) -> row(rs)).list();
    }

    /** Escalated requests still waiting, anywhere, oldest due first. */
    public List<TransferRequest> escalated(int limit) {
        return jdbc.sql(COLUMNS + " WHERE status = 'PENDING' AND escalated_at IS NOT NULL ORDER BY due_on, id FETCH FIRST :limit ROWS ONLY")
                .param("limit", limit).query((rs, n) -> row(rs)).list();
    }

    /** Marks the waiting requests due before a day as escalated; returns them. */
    public List<TransferRequest> escalate(LocalDate today, Instant now) {
        List<TransferRequest> due = jdbc.sql(COLUMNS + " WHERE status = 'PENDING' AND escalated_at IS NULL AND due_on < :today ORDER BY id")
                .param("today", today).query((rs, n) -> row(rs)).list();
        if (!due.isEmpty()) {
            jdbc.sql("UPDATE la_transfer SET escalated_at = :now WHERE id IN (:ids) AND escalated_at IS NULL")
                    .param("now", Timestamp.from(now)).param("ids", due.stream().map(TransferRequest::id).toList()).update();
        }
        return due;
    }

    private static TransferRequest row(ResultSet rs) throws SQLException {
        return new TransferRequest(rs.getLong("id"), rs.getLong("child_id"), new LocalAuthorityCode(rs.getString("from_la")),
                new LocalAuthorityCode(rs.getString("to_la")), rs.getString("source"), rs.getString("raised_by"),
                instant(rs, "raised_at"), rs.getObject("raised_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
                TransferRequest.Status.valueOf(rs.getString("status")), instant(rs, "escalated_at"),
                rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decline_reason"),
                rs.getString("shield_outcome"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
