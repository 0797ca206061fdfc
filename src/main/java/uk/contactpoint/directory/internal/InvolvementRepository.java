package uk.contactpoint.directory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.HeldInvolvement;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.SealedValues;
import uk.contactpoint.directory.ServiceType;

/** Involvements practitioners record, end, confirm and flag by hand (ADR 20). */
@Repository
public class InvolvementRepository {

    /** The practitioner source: entries recorded by hand, which lapse unless confirmed. */
    public static final String PRACTITIONER = "PRACTITIONER";

    private final JdbcClient jdbc;
    private final org.springframework.beans.factory.ObjectProvider<uk.contactpoint.directory.FieldProtection> protection;

    InvolvementRepository(JdbcClient jdbc,
                          org.springframework.beans.factory.ObjectProvider<uk.contactpoint.directory.FieldProtection> protection) {
        this.jdbc = jdbc;
        this.protection = protection;
    }

    public long insert(long childId, NewChild.NewInvolvement i, long recordedBy, LocalDate asOf, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO involvement (child_id, service_type, organisation_id, practitioner_name, team_name, role,
                            phone, email, start_date, end_date, lead_professional, caf_holder, sensitive, source, as_of,
                            recorded_by, changed_at)
                        VALUES (:child, :service, :organisation, :practitioner, :team, :role, :phone, :email, :start, NULL,
                            FALSE, :caf, :sensitive, :source, :asOf, :by, :now)""")
                .param("child", childId).param("service", i.serviceType().name()).param("organisation", i.organisationId())
                .param("practitioner", i.practitionerName()).param("team", i.teamName()).param("role", i.role())
                .param("phone", i.phone()).param("email", i.email()).param("start", i.startDate())
                .param("caf", i.cafHolder()).param("sensitive", i.serviceType().sensitive()).param("source", PRACTITIONER)
                .param("asOf", asOf).param("by", recordedBy).param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<Long> childOf(long involvementId) {
        return jdbc.sql("SELECT child_id FROM involvement WHERE id = :id").param("id", involvementId).query(Long.class).optional();
    }

    /** Ends a current involvement; false when it had already ended. */
    public boolean end(long id, LocalDate endDate, String reason, Instant now) {
        return jdbc.sql("""
                        UPDATE involvement SET end_date = :end, ended_reason = :reason, lead_professional = FALSE,
                            changed_at = :now
                        WHERE id = :id AND (end_date IS NULL OR end_date > :end)""")
                .param("end", endDate).param("reason", reason).param("now", Timestamp.from(now)).param("id", id)
                .update() == 1;
    }

    public void confirm(long id, LocalDate on) {
        jdbc.sql("UPDATE involvement SET as_of = :on WHERE id = :id").param("on", on).param("id", id).update();
    }

    public void cafHolder(long id, boolean holder, Instant now) {
        jdbc.sql("UPDATE involvement SET caf_holder = :h, changed_at = :now WHERE id = :id")
                .param("h", holder).param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Makes this involvement the child's only lead professional; returns the ids of those that were. */
    public List<Long> leadProfessional(long childId, long involvementId, Instant now) {
        List<Long> previous = jdbc.sql("""
                        SELECT id FROM involvement WHERE child_id = :child AND lead_professional AND id <> :id""")
                .param("child", childId).param("id", involvementId).query(Long.class).list();
        jdbc.sql("""
                        UPDATE involvement SET lead_professional = (id = :id), changed_at = :now
                        WHERE child_id = :child AND (lead_professional OR id = :id)""")
                .param("id", involvementId).param("child", childId).param("now", Timestamp.from(now)).update();
        return previous;
    }

    /** Current practitioner entries last confirmed before this day: the ones that lapse. */
    public List<Long> unconfirmedSince(LocalDate before, int limit) {
        return jdbc.sql("""
                        SELECT id FROM involvement
                        WHERE source = :source AND end_date IS NULL AND as_of < :before ORDER BY id LIMIT :limit""")
                .param("source", PRACTITIONER).param("before", before).param("limit", limit).query(Long.class).list();
    }

    /**
     * The entries this user recorded and the team entries of their organisation, current or ended since
     * {@code endedSince}.
     */
    public List<HeldInvolvement> heldBy(long userId, long organisationId, LocalDate endedSince) {
        return jdbc.sql("""
                        SELECT id, child_id, lead_professional, caf_holder, as_of, start_date, end_date, service_type, team_name, recorded_by
                        FROM involvement
                        WHERE (recorded_by = :user OR (organisation_id = :org AND practitioner_name IS NULL
                                AND (sealed IS NULL OR practitioner_named = FALSE)))
                          AND (end_date IS NULL OR end_date >= :since)
                        ORDER BY start_date DESC, id""")
                .param("user", userId).param("org", organisationId).param("since", endedSince)
                .query((rs, n) -> new HeldInvolvement(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                        ServiceType.valueOf(rs.getString(8)), rs.getString(9),
                        (Long) rs.getObject(10, Long.class)))
                .list();
    }

    /**
     * What changed on these children after {@code since}, by others than this user: involvements started,
     * ended or re-flagged by someone else, and corrections of the child's details. Keys: child id; values:
     * the kinds of change ({@code INVOLVEMENT}, {@code DETAILS}).
     */
    public Map<Long, List<String>> changesSince(Collection<Long> childIds, Instant since, long userId) {
        Map<Long, List<String>> changes = new HashMap<>();
        if (childIds.isEmpty()) {
            return changes;
        }
        List<Long> ids = List.copyOf(childIds);
        for (int from = 0; from < ids.size(); from += 1_000) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 1_000));
            jdbc.sql("""
                            SELECT DISTINCT child_id FROM involvement
                            WHERE child_id IN (:ids) AND changed_at > :since AND (recorded_by IS NULL OR recorded_by <> :user)""")
                    .param("ids", slice).param("since", Timestamp.from(since)).param("user", userId)
                    .query(Long.class).list()
                    .forEach(c -> changes.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add("INVOLVEMENT"));
            jdbc.sql("SELECT DISTINCT child_id FROM child_amendment WHERE child_id IN (:ids) AND amended_at > :since")
                    .param("ids", slice).param("since", Timestamp.from(since))
                    .query(Long.class).list()
                    .forEach(c -> changes.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add("DETAILS"));
        }
        return changes;
    }

    /** Who recorded an entry by hand, if anyone. */
    public Optional<Long> recorder(long involvementId) {
        return jdbc.sql("SELECT recorded_by FROM involvement WHERE id = :id").param("id", involvementId)
                .query((rs, n) -> (Long) rs.getObject(1, Long.class)).optional().filter(java.util.Objects::nonNull);
    }

    /**
     * Passes a leaver's current entries to another user (their name and contact details), or, when {@code toUser}
     * is null, to their organisation as team entries with the organisation's own contact details; returns the
     * children whose entries moved.
     */
    /**
     * Seals again each current sealed entry of a leaver with changes: {@code set} by position from the entry's
     * organisation's name, phone and email; {@code setWhereNone} names the organisation column to put where the
     * sealed value is none.
     */
    private void resealEntriesOf(long leaver, java.util.function.Function<Map<String, String>, Map<Integer, String>> set,
                                 Map<Integer, String> setWhereNone) {
        List<Object[]> rows = jdbc.sql("""
                        SELECT i.id, i.sealed, o.name, o.phone, o.email FROM involvement i
                        JOIN organisation o ON o.id = i.organisation_id
                        WHERE i.recorded_by = :u AND i.end_date IS NULL AND i.sealed IS NOT NULL""")
                .param("u", leaver)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)})
                .list();
        for (Object[] r : rows) {
            Map<String, String> organisation = new java.util.HashMap<>();
            organisation.put("name", (String) r[2]);
            organisation.put("phone", (String) r[3]);
            organisation.put("email", (String) r[4]);
            Map<Integer, String> whereNone = new java.util.HashMap<>();
            setWhereNone.forEach((i, column) -> whereNone.put(i, organisation.get(column)));
            long id = (Long) r[0];
            jdbc.sql("UPDATE involvement SET sealed = :sealed WHERE id = :id")
                    .param("sealed", protection.getObject().reseal(SealedValues.context("involvement", id), (String) r[1],
                            set.apply(organisation), whereNone))
                    .param("id", id).update();
        }
    }

    public List<Long> handOver(long leaver, Long toUser, String name, String phone, String email, Instant now) {
        List<Long> children = jdbc.sql("SELECT DISTINCT child_id FROM involvement WHERE recorded_by = :u AND end_date IS NULL")
                .param("u", leaver).query(Long.class).list();
        if (toUser != null) {
            jdbc.sql("""
                            UPDATE involvement SET recorded_by = :to, practitioner_name = :name,
                                phone = COALESCE(:phone, phone), email = COALESCE(:email, email), changed_at = :now
                            WHERE recorded_by = :u AND end_date IS NULL AND sealed IS NULL""")
                    .param("to", toUser).param("name", name).param("phone", phone, java.sql.Types.VARCHAR)
                    .param("email", email, java.sql.Types.VARCHAR).param("now", Timestamp.from(now)).param("u", leaver).update();
            // a sealed (sensitive) entry is sealed again with the new holder's details (ADR 26): this module cannot open it
            java.util.Map<Integer, String> set = new java.util.HashMap<>();
            set.put(0, name);
            if (phone != null) {
                set.put(3, phone);
            }
            if (email != null) {
                set.put(4, email);
            }
            resealEntriesOf(leaver, row -> set, java.util.Map.of());
            jdbc.sql("UPDATE involvement SET recorded_by = :to, changed_at = :now WHERE recorded_by = :u AND end_date IS NULL")
                    .param("to", toUser).param("now", Timestamp.from(now)).param("u", leaver).update();
        } else {
            jdbc.sql("""
                            UPDATE involvement SET recorded_by = NULL, practitioner_name = NULL,
                                team_name = COALESCE(team_name, (SELECT o.name FROM organisation o WHERE o.id = involvement.organisation_id)),
                                phone = (SELECT o.phone FROM organisation o WHERE o.id = involvement.organisation_id),
                                email = (SELECT o.email FROM organisation o WHERE o.id = involvement.organisation_id),
                                changed_at = :now
                            WHERE recorded_by = :u AND end_date IS NULL AND sealed IS NULL""")
                    .param("now", Timestamp.from(now)).param("u", leaver).update();
            resealEntriesOf(leaver, row -> {
                java.util.Map<Integer, String> set = new java.util.HashMap<>();
                set.put(0, null);
                set.put(3, row.get("phone"));
                set.put(4, row.get("email"));
                return set;
            }, java.util.Map.of(1, "name"));
            jdbc.sql("""
                            UPDATE involvement SET recorded_by = NULL, practitioner_named = FALSE, changed_at = :now
                            WHERE recorded_by = :u AND end_date IS NULL""")
                    .param("now", Timestamp.from(now)).param("u", leaver).update();
        }
        return children;
    }
}
