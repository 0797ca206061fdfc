package uk.contactpoint.audit.internal;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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

    AuditRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void insert(AuditEvent e) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, actor_organisation, actor_role, client_system,
                    remote_address, session_ref, action, child_ids, reason, outcome, detail)
                VALUES (:at, :actor, :org, :role, :client, :address, :session, :action, :children, :reason,
                    :outcome, :detail)""")
                .param("at", Timestamp.from(e.occurredAt()))
                .param("actor", e.actor())
                .param("org", e.actorOrganisation())
                .param("role", e.actorRole())
                .param("client", e.clientSystem())
                .param("address", e.remoteAddress())
                .param("session", e.sessionRef())
                .param("action", e.action().name())
                .param("children", e.childIds().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .param("reason", truncate(e.reason(), 500))
                .param("outcome", e.outcome().name())
                .param("detail", truncate(e.detail(), 4000))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        List<Long> distinct = e.childIds().stream().distinct().toList();
        if (!distinct.isEmpty()) {
            template.batchUpdate("INSERT INTO audit_event_child (event_id, child_id) VALUES (?, ?)",
                    distinct.stream().map(c -> new Object[] {id, c}).toList());
        }
    }

    public List<AuditEvent> findByChild(long childId) {
        return jdbc.sql("""
                        SELECT e.* FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :child ORDER BY e.id DESC""")
                .param("child", childId)
                .query((rs, n) -> new AuditEvent(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), rs.getString("actor_organisation"), rs.getString("actor_role"),
                        rs.getString("client_system"), rs.getString("remote_address"), rs.getString("session_ref"),
                        AuditAction.valueOf(rs.getString("action")), children(rs.getString("child_ids")),
                        rs.getString("reason"), AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("detail")))
                .list();
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
