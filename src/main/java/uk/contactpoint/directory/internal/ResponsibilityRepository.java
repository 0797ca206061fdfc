package uk.contactpoint.directory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.ResponsibilityChange;
import uk.contactpoint.directory.WhereaboutsEntry;
import uk.contactpoint.directory.Whereabouts;

/** A child's responsible LA: moving it (with its history) and the lists an LA keeps by whereabouts. */
@Repository
public class ResponsibilityRepository {

    private final JdbcClient jdbc;
    private final LocalAuthorityRepository authorities;

    ResponsibilityRepository(JdbcClient jdbc, LocalAuthorityRepository authorities) {
        this.jdbc = jdbc;
        this.authorities = authorities;
    }

    /** The child's responsible LA now, locking the row until the transaction ends; empty when there is no such child. */
    public Optional<String> lockResponsibleLa(long childId) {
        return jdbc.sql("SELECT responsible_la FROM child WHERE id = :id FOR UPDATE").param("id", childId)
                .query(String.class).optional();
    }

    /**
     * Moves a live child from one LA to another and keeps the move in the history and the amendment history;
     * false (nothing written) when the child is not live or is no longer the {@code from} LA's.
     */
    public boolean move(long childId, String from, String to, long transferId, String acceptedBy, Instant now) {
        Timestamp at = Timestamp.from(now);
        int moved = jdbc.sql("""
                        UPDATE child SET responsible_la = :to, updated_at = :now, version = version + 1
                        WHERE id = :id AND responsible_la = :from AND status = 'LIVE'""")
                .param("to", to).param("now", at).param("id", childId).param("from", from).update();
        if (moved != 1) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO responsible_la_history (child_id, from_la, to_la, moved_at, transfer_id, accepted_by)
                        VALUES (:child, :from, :to, :now, :transfer, :by)""")
                .param("child", childId).param("from", from).param("to", to).param("now", at)
                .param("transfer", transferId).param("by", acceptedBy).update();
        jdbc.sql("""
                        INSERT INTO child_amendment (child_id, field, old_value, new_value, source, amended_by, amended_at, reason)
                        VALUES (:child, 'responsible_la', :from, :to, 'LA_TRANSFER', :by, :now, :reason)""")
                .param("child", childId).param("from", from).param("to", to).param("by", acceptedBy).param("now", at)
                .param("reason", "transfer " + transferId + " accepted").update();
        if (jdbc.sql("UPDATE value_provenance SET source = 'LA_TRANSFER', as_of = :day WHERE child_id = :child AND field = 'responsible_la'")
                .param("day", LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)).param("child", childId).update() == 0) {
            jdbc.sql("INSERT INTO value_provenance (child_id, field, source, as_of) VALUES (:child, 'responsible_la', 'LA_TRANSFER', :day)")
                    .param("day", LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)).param("child", childId).update();
        }
        return true;
    }

    public List<ResponsibilityChange> history(long childId) {
        return jdbc.sql("""
                        SELECT from_la, to_la, moved_at, transfer_id, accepted_by FROM responsible_la_history
                        WHERE child_id = :child ORDER BY moved_at, id""").param("child", childId)
                .query((rs, n) -> new ResponsibilityChange(new LocalAuthorityCode(rs.getString(1)),
                        new LocalAuthorityCode(rs.getString(2)), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, Long.class), rs.getString(5))).list();
    }

    /**
     * Live children of an LA whose whereabouts is one of these states, by family and given name (at most
     * {@code limit}), each with when and from which source the whereabouts was last recorded. The records carry
     * identity, whereabouts and education status only: no address, carers, settings or involvements.
     */
    public List<WhereaboutsEntry> withWhereabouts(String la, List<Whereabouts> states, int limit) {
        LocalAuthority authority = authorities.find(la).orElseThrow();
        return jdbc.sql("""
                        SELECT c.id, c.contactpoint_id, c.given_name, c.middle_names, c.family_name, c.date_of_birth,
                               c.gender, c.whereabouts, c.date_of_death, c.education_status, c.shielded,
                               p.source, p.as_of
                        FROM child c LEFT JOIN value_provenance p ON p.child_id = c.id AND p.field = 'address'
                        WHERE c.responsible_la = :la AND c.whereabouts IN (:states) AND c.status = 'LIVE'
                        ORDER BY c.family_name, c.given_name, c.id FETCH FIRST :limit ROWS ONLY""")
                .param("la", la).param("states", states.stream().map(Enum::name).toList()).param("limit", limit)
                .query((rs, n) -> new WhereaboutsEntry(new ChildRecord(rs.getLong("id"),
                        new ContactPointId(rs.getString("contactpoint_id")),
                        new PersonName(rs.getString("given_name"), rs.getString("middle_names"), rs.getString("family_name")),
                        List.of(), rs.getObject("date_of_birth", LocalDate.class), Gender.valueOf(rs.getString("gender")),
                        Whereabouts.valueOf(rs.getString("whereabouts")), null, rs.getObject("date_of_death", LocalDate.class),
                        EducationStatus.valueOf(rs.getString("education_status")), authority, RecordStatus.LIVE,
                        rs.getBoolean("shielded"), null, List.of(), List.of(), List.of(), List.of(), List.of()),
                        rs.getObject("as_of", LocalDate.class), rs.getString("source"))).list();
    }

    /** How many live children of an LA have one of these whereabouts. */
    public long countWithWhereabouts(String la, List<Whereabouts> states) {
        return jdbc.sql("SELECT COUNT(*) FROM child WHERE responsible_la = :la AND whereabouts IN (:states) AND status = 'LIVE'")
                .param("la", la).param("states", states.stream().map(Enum::name).toList()).query(Long.class).single();
    }
}
