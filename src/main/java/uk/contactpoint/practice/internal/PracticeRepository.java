package uk.contactpoint.practice.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.practice.EntryGround;
import uk.contactpoint.practice.InaccuracyReport;
import uk.contactpoint.practice.LeadProposal;

/** Grounds of sensitive entries, lead professional proposals, inaccuracy reports and "last looked" times. */
@Repository
public class PracticeRepository {

    private final JdbcClient jdbc;

    PracticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertGround(long involvementId, EntryGround g, long recordedBy, Instant now) {
        jdbc.sql("""
                        INSERT INTO involvement_ground (involvement_id, ground, consent_by, consent_on, consent_scope,
                            justification, recorded_by, recorded_at)
                        VALUES (:id, :ground, :by, :on, :scope, :justification, :recordedBy, :now)""")
                .param("id", involvementId).param("ground", g.kind().name())
                .param("by", g.consentBy() == null ? null : g.consentBy().name()).param("on", g.consentOn())
                .param("scope", g.scope()).param("justification", g.justification()).param("recordedBy", recordedBy)
                .param("now", Timestamp.from(now)).update();
    }

    /** Whether a sensitive entry stands on consent (not yet withdrawn). */
    public boolean onConsent(long involvementId) {
        return jdbc.sql("SELECT COUNT(*) FROM involvement_ground WHERE involvement_id = :id AND ground = 'CONSENT' AND withdrawn_on IS NULL")
                .param("id", involvementId).query(Long.class).single() > 0;
    }

    /** Records the withdrawal of consent; with a justification the entry now stands on the significant-harm ground. */
    public void consentWithdrawn(long involvementId, LocalDate on, String justification) {
        jdbc.sql("""
                        UPDATE involvement_ground SET withdrawn_on = :on,
                            ground = CASE WHEN CAST(:justification AS VARCHAR(300)) IS NULL THEN ground ELSE 'SIGNIFICANT_HARM' END,
                            justification = COALESCE(CAST(:justification AS VARCHAR(300)), justification)
                        WHERE involvement_id = :id""")
                .param("on", on).param("justification", justification, java.sql.Types.VARCHAR).param("id", involvementId).update();
    }

    public long insertProposal(long childId, long involvementId, long proposedBy, Instant now, String status, String basis,
                               LocalDate meetingOn) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO lead_professional_proposal (child_id, involvement_id, proposed_by, proposed_at, status,
                            basis, meeting_on, decided_by, decided_at)
                        VALUES (:child, :involvement, :by, :now, :status, :basis, :meeting, :decidedBy, :decidedAt)""")
                .param("child", childId).param("involvement", involvementId).param("by", proposedBy)
                .param("now", Timestamp.from(now)).param("status", status).param("basis", basis).param("meeting", meetingOn)
                .param("decidedBy", "PENDING".equals(status) ? null : proposedBy, java.sql.Types.BIGINT)
                .param("decidedAt", "PENDING".equals(status) ? null : Timestamp.from(now), java.sql.Types.TIMESTAMP)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public boolean pendingFor(long childId) {
        return jdbc.sql("SELECT COUNT(*) FROM lead_professional_proposal WHERE child_id = :child AND status = 'PENDING'")
                .param("child", childId).query(Long.class).single() > 0;
    }

    public Optional<LeadProposal> proposal(long id) {
        return jdbc.sql(PROPOSAL + " WHERE id = :id").param("id", id).query((rs, n) -> proposal(rs)).optional();
    }

    public List<LeadProposal> pendingProposals(java.util.Collection<Long> childIds) {
        if (childIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(PROPOSAL + " WHERE status = 'PENDING' AND child_id IN (:children) ORDER BY proposed_at")
                .param("children", childIds).query((rs, n) -> proposal(rs)).list();
    }

    /** Pending proposals for children of this LA (for its management team). */
    public List<LeadProposal> pendingProposalsIn(String localAuthority) {
        return jdbc.sql("""
                        SELECT p.id, p.child_id, p.involvement_id, p.proposed_by, p.proposed_at, p.status, p.basis, p.meeting_on
                        FROM lead_professional_proposal p JOIN child c ON c.id = p.child_id
                        WHERE p.status = 'PENDING' AND c.responsible_la = :la ORDER BY p.proposed_at""")
                .param("la", localAuthority).query((rs, n) -> proposal(rs)).list();
    }

    /** Decides a pending proposal; false when it was no longer pending. */
    public boolean decide(long id, String status, long decidedBy, Instant now) {
        return jdbc.sql("""
                        UPDATE lead_professional_proposal SET status = :status, basis = :basis, decided_by = :by, decided_at = :now
                        WHERE id = :id AND status = 'PENDING'""")
                .param("status", status).param("basis", "CONFIRMED".equals(status) ? "CONFIRMED" : null)
                .param("by", decidedBy).param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    /** Pending proposals that can no longer be decided (their entry ended): withdrawn. */
    public void withdrawProposalsOf(long involvementId, Instant now) {
        jdbc.sql("""
                        UPDATE lead_professional_proposal SET status = 'WITHDRAWN', decided_at = :now
                        WHERE involvement_id = :id AND status = 'PENDING'""")
                .param("now", Timestamp.from(now)).param("id", involvementId).update();
    }

    private static final String PROPOSAL = """
            SELECT id, child_id, involvement_id, proposed_by, proposed_at, status, basis, meeting_on
            FROM lead_professional_proposal""";

    private static LeadProposal proposal(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LeadProposal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class));
    }

    public long insertReport(long childId, String localAuthority, String field, String description, long reportedBy,
                             Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO inaccuracy_report (child_id, local_authority, field, description, reported_by, reported_at)
                        VALUES (:child, :la, :field, :description, :by, :now)""")
                .param("child", childId).param("la", localAuthority).param("field", field).param("description", description)
                .param("by", reportedBy).param("now", Timestamp.from(now)).update(key, "id");
        return key.getKey().longValue();
    }

    public List<InaccuracyReport> openReports(String localAuthority) {
        return jdbc.sql(REPORT + " WHERE local_authority = :la AND status = 'OPEN' ORDER BY reported_at")
                .param("la", localAuthority).query((rs, n) -> report(rs)).list();
    }

    public Optional<InaccuracyReport> report(long id) {
        return jdbc.sql(REPORT + " WHERE id = :id").param("id", id).query((rs, n) -> report(rs)).optional();
    }

    public boolean resolve(long id, long resolvedBy, String resolution, Instant now) {
        return jdbc.sql("""
                        UPDATE inaccuracy_report SET status = 'RESOLVED', resolved_by = :by, resolved_at = :now,
                            resolution = :resolution
                        WHERE id = :id AND status = 'OPEN'""")
                .param("by", resolvedBy).param("now", Timestamp.from(now)).param("resolution", resolution).param("id", id)
                .update() == 1;
    }

    private static final String REPORT = """
            SELECT id, child_id, local_authority, field, description, reported_by, reported_at, status
            FROM inaccuracy_report""";

    private static InaccuracyReport report(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new InaccuracyReport(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getTimestamp(7).toInstant(), rs.getString(8));
    }

    public Optional<Instant> lastLooked(long userId) {
        return jdbc.sql("SELECT looked_at FROM practice_last_looked WHERE user_id = :u").param("u", userId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    public void looked(long userId, Instant now) {
        if (jdbc.sql("UPDATE practice_last_looked SET looked_at = :now WHERE user_id = :u")
                .param("now", Timestamp.from(now)).param("u", userId).update() == 0) {
            jdbc.sql("INSERT INTO practice_last_looked (user_id, looked_at) VALUES (:u, :now)")
                    .param("u", userId).param("now", Timestamp.from(now)).update();
        }
    }
}
