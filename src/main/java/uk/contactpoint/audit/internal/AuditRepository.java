package uk.contactpoint.audit.internal;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditOutcome;

/** Appends audit events. There is deliberately no update or delete here. */
@Repository
public class AuditRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    private final boolean postgres;

    AuditRepository(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = Databases.isPostgres(dataSource);
    }

    public void insert(AuditEvent e) {
        insert(e, null);
    }

    /**
     * Appends an event with its personal values already sealed ({@link PersonalValueCipher}), or none. On
     * PostgreSQL the event and its child rows go in one statement (one round trip, which is most of what the
     * audit adds to a search); H2 takes two.
     */
    public long insert(AuditEvent e, String sealedPersonal) {
        String children = e.childIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        if (postgres) {
            return params(jdbc.sql("""
                    WITH e AS (
                        INSERT INTO audit_event (occurred_at, actor, actor_organisation, actor_role, client_system,
                            remote_address, session_ref, action, child_ids, reason, outcome, detail, personal)
                        VALUES (:at, :actor, :org, :role, :client, :address, :session, :action, :children, :reason,
                            :outcome, :detail, :personal)
                        RETURNING id),
                    c AS (
                        INSERT INTO audit_event_child (event_id, child_id)
                        SELECT DISTINCT e.id, x FROM e, unnest(CAST(string_to_array(:children, ',') AS bigint[])) AS x)
                    SELECT id FROM e"""), e, children, sealedPersonal)
                    .query(Long.class).single();
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        params(jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, actor_organisation, actor_role, client_system,
                    remote_address, session_ref, action, child_ids, reason, outcome, detail, personal)
                VALUES (:at, :actor, :org, :role, :client, :address, :session, :action, :children, :reason,
                    :outcome, :detail, :personal)"""), e, children, sealedPersonal)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        List<Long> distinct = e.childIds().stream().distinct().toList();
        if (!distinct.isEmpty()) {
            template.batchUpdate("INSERT INTO audit_event_child (event_id, child_id) VALUES (?, ?)",
                    distinct.stream().map(c -> new Object[] {id, c}).toList());
        }
        return id;
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec sql, AuditEvent e, String children,
                                                  String sealedPersonal) {
        return sql.param("at", Timestamp.from(e.occurredAt()))
                .param("actor", e.actor())
                .param("org", e.actorOrganisation())
                .param("role", e.actorRole())
                .param("client", e.clientSystem())
                .param("address", e.remoteAddress())
                .param("session", e.sessionRef())
                .param("action", e.action().name())
                .param("children", children)
                .param("reason", truncate(e.reason(), 500))
                .param("outcome", e.outcome().name())
                .param("detail", truncate(e.detail(), 4000))
                .param("personal", sealedPersonal);
    }

    /** The sealed personal values of an event, if it has any. */
    public java.util.Optional<String> sealedPersonal(long eventId) {
        return jdbc.sql("SELECT personal FROM audit_event WHERE id = :id").param("id", eventId).query(String.class).optional()
                .filter(java.util.Objects::nonNull);
    }

    public List<AuditEvent> findByChild(long childId) {
        return jdbc.sql("""
                        SELECT e.* FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :child ORDER BY e.id DESC""")
                .param("child", childId)
                .query((rs, n) -> event(rs))
                .list();
    }

    /** A stored event with its id and its personal values as sealed (null when it has none). */
    public record Stored(long id, AuditEvent event, String sealedPersonal) {
    }

    /**
     * The newest events done by one user from start (inclusive) to end (exclusive), either bound may be null, of one action and outcome when
     * given, at most {@code limit} of them, newest first. Served by the index on (actor, occurred_at).
     */
    public List<Stored> findByActor(String actor, java.time.Instant start, java.time.Instant end, AuditAction action,
                                    AuditOutcome outcome, int limit) {
        return jdbc.sql("""
                        SELECT * FROM audit_event WHERE actor = :actor
                          AND (CAST(:start AS TIMESTAMP WITH TIME ZONE) IS NULL OR occurred_at >= :start)
                          AND (CAST(:end AS TIMESTAMP WITH TIME ZONE) IS NULL OR occurred_at < :end)
                          AND (CAST(:action AS VARCHAR(60)) IS NULL OR action = :action)
                          AND (CAST(:outcome AS VARCHAR(20)) IS NULL OR outcome = :outcome)
                        ORDER BY occurred_at DESC, id DESC FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, limit)))
                .param("actor", actor)
                .param("start", start == null ? null : Timestamp.from(start))
                .param("end", end == null ? null : Timestamp.from(end))
                .param("action", action == null ? null : action.name())
                .param("outcome", outcome == null ? null : outcome.name())
                .query((rs, n) -> new Stored(rs.getLong("id"), event(rs), rs.getString("personal")))
                .list();
    }

    private static AuditEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditEvent(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("actor_organisation"), rs.getString("actor_role"),
                rs.getString("client_system"), rs.getString("remote_address"), rs.getString("session_ref"),
                AuditAction.valueOf(rs.getString("action")), children(rs.getString("child_ids")),
                rs.getString("reason"), AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("detail"));
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    private static List<Long> children(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
