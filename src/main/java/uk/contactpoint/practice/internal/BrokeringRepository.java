package uk.contactpoint.practice.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Requests for brokered contact with a masked sensitive service (V26, ADR 27). */
@Repository
public class BrokeringRepository {

    /**
     * One request as stored, with the child's current LA and ContactPoint ID and the requester's name and
     * organisation. {@code involvementId} and {@code organisationId} identify the masked service: never shown to
     * the requester before the service accepts.
     */
    public record Row(long id, long childId, String contactPointId, String localAuthority, long involvementId,
                      long organisationId, long requestedBy, String requesterName, String requesterOrganisation,
                      Instant requestedAt, boolean outOfHours, LocalDate dueOn, String reason, String urgency,
                      String reachPhone, String reachEmail, String status) {

        @Override
        public String toString() {
            return "BrokeringRepository.Row[id=" + id + ", status=" + status + "]";
        }
    }

    private static final String SELECT = """
            SELECT b.id, b.child_id, c.contactpoint_id, c.responsible_la, b.involvement_id, b.organisation_id,
                b.requested_by, u.display_name, o.name, b.requested_at, b.out_of_hours, b.due_on, b.reason, b.urgency,
                b.reach_phone, b.reach_email, b.status
            FROM brokered_contact b JOIN child c ON c.id = b.child_id
                JOIN app_user u ON u.id = b.requested_by JOIN organisation o ON o.id = u.organisation_id""";

    private final JdbcClient jdbc;

    BrokeringRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long childId, long involvementId, long organisationId, long requestedBy, Instant now,
                       boolean outOfHours, LocalDate dueOn, String reason, String urgency, String phone, String email) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO brokered_contact (child_id, involvement_id, organisation_id, requested_by, requested_at,
                            out_of_hours, due_on, reason, urgency, reach_phone, reach_email, status)
                        VALUES (:child, :involvement, :org, :by, :now, :ooh, :due, :reason, :urgency, :phone, :email, 'OPEN')""")
                .param("child", childId).param("involvement", involvementId).param("org", organisationId)
                .param("by", requestedBy).param("now", Timestamp.from(now)).param("ooh", outOfHours).param("due", dueOn)
                .param("reason", reason).param("urgency", urgency).param("phone", phone, java.sql.Types.VARCHAR)
                .param("email", email, java.sql.Types.VARCHAR).update(key, "id");
        return key.getKey().longValue();
    }

    /** Whether this user already has a request about this entry that the service has not yet answered. */
    public boolean unanswered(long requestedBy, long involvementId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM brokered_contact WHERE requested_by = :u AND involvement_id = :i
                        AND status IN ('OPEN', 'PASSED_TO_SERVICE')""")
                .param("u", requestedBy).param("i", involvementId).query(Long.class).single() > 0;
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " WHERE b.id = :id").param("id", id).query((rs, n) -> row(rs)).optional();
    }

    /** Requests about children of this LA that are waiting for its team or are with the service, oldest first (100 at most). */
    public List<Row> forLocalAuthority(String localAuthority) {
        return jdbc.sql(SELECT + " WHERE c.responsible_la = :la AND b.status IN ('OPEN', 'PASSED_TO_SERVICE') ORDER BY b.requested_at FETCH FIRST 100 ROWS ONLY")
                .param("la", localAuthority).query((rs, n) -> row(rs)).list();
    }

    /** Requests the LA team has passed to this organisation, oldest first (100 at most). */
    public List<Row> passedTo(long organisationId) {
        return jdbc.sql(SELECT + " WHERE b.organisation_id = :org AND b.status = 'PASSED_TO_SERVICE' ORDER BY b.requested_at FETCH FIRST 100 ROWS ONLY")
                .param("org", organisationId).query((rs, n) -> row(rs)).list();
    }

    /** A user's own requests, newest first. */
    public List<Row> requestedBy(long userId, int limit) {
        return jdbc.sql(SELECT + " WHERE b.requested_by = :u ORDER BY b.requested_at DESC, b.id DESC FETCH FIRST :limit ROWS ONLY")
                .param("u", userId).param("limit", limit).query((rs, n) -> row(rs)).list();
    }

    /** Passes an open request to the service; false when it was no longer open. */
    public boolean pass(long id, long by, Instant now) {
        return jdbc.sql("""
                        UPDATE brokered_contact SET status = 'PASSED_TO_SERVICE', passed_by = :by, passed_at = :now
                        WHERE id = :id AND status = 'OPEN'""")
                .param("by", by).param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    /** Records the service's answer to a request passed to it; false when it was not waiting for one. */
    public boolean decide(long id, String status, long by, Instant now) {
        return jdbc.sql("""
                        UPDATE brokered_contact SET status = :status, decided_by = :by, decided_at = :now
                        WHERE id = :id AND status = 'PASSED_TO_SERVICE'""")
                .param("status", status).param("by", by).param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getBoolean(11),
                rs.getObject(12, LocalDate.class), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17));
    }
}
