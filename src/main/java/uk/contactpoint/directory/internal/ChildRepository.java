package uk.contactpoint.directory.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.Carer;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Provenance;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;

/** Reads and writes child records and organisations with plain SQL. */
@Repository
public class ChildRepository {

    private static final List<String> CHILD_FIELDS = List.of("name", "date_of_birth", "gender", "address",
            "date_of_death", "education_status", "responsible_la");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final LocalAuthorityRepository authorities;

    ChildRepository(JdbcClient jdbc, JdbcTemplate template, LocalAuthorityRepository authorities) {
        this.jdbc = jdbc;
        this.template = template;
        this.authorities = authorities;
    }

    public Optional<ChildRecord> findById(long id) {
        return jdbc.sql("SELECT * FROM child WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getLong("id")).optional().map(this::load);
    }

    public Optional<ChildRecord> findByContactPointId(ContactPointId cpId) {
        return jdbc.sql("SELECT id FROM child WHERE contactpoint_id = :cp").param("cp", cpId.value())
                .query(Long.class).optional().map(this::load);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM child").query(Long.class).single();
    }

    /** The ContactPoint IDs of those of these children whose records still exist, by child id. */
    public java.util.Map<Long, ContactPointId> contactPointIds(java.util.Collection<Long> ids) {
        java.util.Map<Long, ContactPointId> out = new java.util.HashMap<>();
        List<Long> all = ids.stream().distinct().toList();
        for (int i = 0; i < all.size(); i += 500) {
            jdbc.sql("SELECT id, contactpoint_id FROM child WHERE id IN (:ids)")
                    .param("ids", all.subList(i, Math.min(all.size(), i + 500)))
                    .query((ResultSet rs) -> {
                        out.put(rs.getLong("id"), new ContactPointId(rs.getString("contactpoint_id")));
                    });
        }
        return out;
    }

    private ChildRecord load(long id) {
        List<OtherName> names = jdbc.sql("SELECT * FROM child_name WHERE child_id = :id ORDER BY id").param("id", id)
                .query((rs, n) -> new OtherName(OtherName.Kind.valueOf(rs.getString("kind")), rs.getString("given_name"),
                        rs.getString("family_name"), rs.getString("source"), date(rs, "as_of"))).list();
        List<Carer> carers = jdbc.sql("SELECT * FROM carer WHERE child_id = :id ORDER BY id").param("id", id)
                .query((rs, n) -> new Carer(rs.getLong("id"),
                        new PersonName(rs.getString("given_name"), null, rs.getString("family_name")),
                        Relationship.valueOf(rs.getString("relationship")), rs.getBoolean("parental_responsibility"),
                        rs.getBoolean("has_care"), address(rs, ""), rs.getString("phone"), rs.getString("email"),
                        rs.getString("source"), date(rs, "as_of"), rs.getString("sealed"))).list();
        List<Setting> settings = jdbc.sql("""
                        SELECT s.id AS s_id, s.kind AS s_kind, s.start_date, s.end_date, s.source AS s_source,
                               s.as_of AS s_as_of, o.*
                        FROM child_setting s JOIN organisation o ON o.id = s.organisation_id
                        WHERE s.child_id = :id ORDER BY s.start_date DESC, s.id""").param("id", id)
                .query((rs, n) -> new Setting(rs.getLong("s_id"), Setting.Kind.valueOf(rs.getString("s_kind")),
                        organisation(rs), date(rs, "start_date"), date(rs, "end_date"), rs.getString("s_source"),
                        date(rs, "s_as_of"))).list();
        List<Involvement> involvements = jdbc.sql("""
                        SELECT i.id AS i_id, i.service_type, i.practitioner_name, i.team_name, i.role AS i_role,
                               i.phone AS i_phone, i.email AS i_email, i.start_date, i.end_date, i.lead_professional,
                               i.caf_holder, i.sensitive, i.source AS i_source, i.as_of AS i_as_of,
                               i.recorded_by, i.ended_reason, i.sealed AS i_sealed, i.practitioner_named, o.*
                        FROM involvement i JOIN organisation o ON o.id = i.organisation_id
                        WHERE i.child_id = :id ORDER BY i.start_date DESC, i.id""").param("id", id)
                .query((rs, n) -> new Involvement(rs.getLong("i_id"), ServiceType.valueOf(rs.getString("service_type")),
                        organisation(rs), rs.getString("practitioner_name"), rs.getString("team_name"),
                        rs.getString("i_role"), rs.getString("i_phone"), rs.getString("i_email"),
                        date(rs, "start_date"), date(rs, "end_date"), rs.getBoolean("lead_professional"),
                        rs.getBoolean("caf_holder"), rs.getBoolean("sensitive"), rs.getString("i_source"),
                        date(rs, "i_as_of"), (Long) rs.getObject("recorded_by", Long.class),
                        rs.getString("ended_reason"), rs.getString("i_sealed"), rs.getString("i_sealed") == null
                                ? rs.getString("practitioner_name") != null : rs.getBoolean("practitioner_named"))).list();
        List<SourceIdentifier> identifiers = jdbc.sql("SELECT * FROM source_identifier WHERE child_id = :id ORDER BY id")
                .param("id", id)
                .query((rs, n) -> new SourceIdentifier(SourceIdentifier.Scheme.valueOf(rs.getString("scheme")),
                        rs.getString("allocating_body"), rs.getString("identifier"), rs.getString("source"),
                        date(rs, "as_of"))).list();
        List<Provenance> provenance = jdbc.sql("SELECT * FROM value_provenance WHERE child_id = :id ORDER BY field")
                .param("id", id)
                .query((rs, n) -> new Provenance(rs.getString("field"), rs.getString("source"), date(rs, "as_of"))).list();
        return jdbc.sql("SELECT * FROM child WHERE id = :id").param("id", id).query((rs, n) -> {
            LocalAuthority la = authorities.find(rs.getString("responsible_la")).orElseThrow();
            return new ChildRecord(id, new ContactPointId(rs.getString("contactpoint_id")),
                    new PersonName(rs.getString("given_name"), rs.getString("middle_names"), rs.getString("family_name")),
                    names, date(rs, "date_of_birth"), Gender.valueOf(rs.getString("gender")),
                    Whereabouts.valueOf(rs.getString("whereabouts")), address(rs, ""), date(rs, "date_of_death"),
                    EducationStatus.valueOf(rs.getString("education_status")), la,
                    RecordStatus.valueOf(rs.getString("status")), rs.getBoolean("shielded"), date(rs, "archived_on"),
                    carers, settings, involvements, identifiers, provenance, rs.getString("sealed"));
        }).single();
    }

    /** Adds children with everything attached, in batches; returns their database ids in order. */
    public List<Long> insert(List<NewChild> children) {
        Timestamp now = Timestamp.from(Instant.now());
        // One batched statement for all the children, reading back the generated ids in order.
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        template.batchUpdate(connection -> connection.prepareStatement("""
                INSERT INTO child (contactpoint_id, given_name, middle_names, family_name, date_of_birth, gender,
                    whereabouts, address_line1, address_line2, town, postcode, date_of_death, education_status,
                    responsible_la, status, shielded, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'LIVE', ?, ?, ?)""", new String[] {"id"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        NewChild c = children.get(i);
                        Address a = c.address();
                        ps.setString(1, c.contactPointId().value());
                        ps.setString(2, c.name().given());
                        ps.setString(3, c.name().middle());
                        ps.setString(4, c.name().family());
                        ps.setObject(5, c.dateOfBirth());
                        ps.setString(6, c.gender().name());
                        ps.setString(7, c.whereabouts().name());
                        ps.setString(8, a == null ? null : a.line1());
                        ps.setString(9, a == null ? null : a.line2());
                        ps.setString(10, a == null ? null : a.town());
                        ps.setString(11, postcode(a));
                        ps.setObject(12, c.dateOfDeath());
                        ps.setString(13, c.educationStatus().name());
                        ps.setString(14, c.responsibleLa().value());
                        ps.setBoolean(15, c.shielded());
                        ps.setTimestamp(16, now);
                        ps.setTimestamp(17, now);
                    }

                    @Override
                    public int getBatchSize() {
                        return children.size();
                    }
                }, keys);
        List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.values().iterator().next()).longValue()).toList();
        if (ids.size() != children.size()) {
            throw new IllegalStateException("Expected " + children.size() + " generated ids, got " + ids.size());
        }
        batch(children, ids, "INSERT INTO child_name (child_id, kind, given_name, family_name, source, as_of) VALUES (?,?,?,?,?,?)",
                NewChild::otherNames, (c, id, n) -> new Object[] {id, n.kind().name(), n.given(), n.family(), c.source(), c.asOf()});
        batch(children, ids, """
                INSERT INTO carer (child_id, given_name, family_name, relationship, parental_responsibility, has_care,
                    address_line1, address_line2, town, postcode, phone, email, source, as_of)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                NewChild::carers, (c, id, p) -> new Object[] {id, p.name().given(), p.name().family(),
                        p.relationship().name(), p.parentalResponsibility(), p.hasCare(),
                        p.address() == null ? null : p.address().line1(), p.address() == null ? null : p.address().line2(),
                        p.address() == null ? null : p.address().town(), postcode(p.address()), p.phone(), p.email(),
                        c.source(), c.asOf()});
        batch(children, ids, """
                INSERT INTO child_setting (child_id, kind, organisation_id, start_date, end_date, source, as_of)
                VALUES (?,?,?,?,?,?,?)""",
                NewChild::settings, (c, id, s) -> new Object[] {id, s.kind().name(), s.organisationId(), s.startDate(),
                        s.endDate(), c.source(), c.asOf()});
        batch(children, ids, """
                INSERT INTO involvement (child_id, service_type, organisation_id, practitioner_name, team_name, role,
                    phone, email, start_date, end_date, lead_professional, caf_holder, sensitive, source, as_of)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                NewChild::involvements, (c, id, i) -> new Object[] {id, i.serviceType().name(), i.organisationId(),
                        i.practitionerName(), i.teamName(), i.role(), i.phone(), i.email(), i.startDate(), i.endDate(),
                        i.leadProfessional(), i.cafHolder(), i.serviceType().sensitive(), c.source(), c.asOf()});
        batch(children, ids, """
                INSERT INTO source_identifier (child_id, scheme, allocating_body, identifier, source, as_of)
                VALUES (?,?,?,?,?,?)""",
                NewChild::identifiers, (c, id, s) -> new Object[] {id, s.scheme().name(), s.allocatingBody(), s.value(),
                        s.source() == null ? c.source() : s.source(), s.asOf() == null ? c.asOf() : s.asOf()});
        batch(children, ids, "INSERT INTO value_provenance (child_id, field, source, as_of) VALUES (?,?,?,?)",
                c -> CHILD_FIELDS, (c, id, f) -> new Object[] {id, f, c.source(), c.asOf()});
        return ids;
    }

    private interface RowArgs<T> {
        Object[] args(NewChild child, long id, T item);
    }

    private <T> void batch(List<NewChild> children, List<Long> ids, String sql, Function<NewChild, List<T>> items,
                           RowArgs<T> args) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            NewChild c = children.get(i);
            for (T item : items.apply(c)) {
                rows.add(args.args(c, ids.get(i), item));
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate(sql, rows);
        }
    }

    /** Adds a setting unless the child already has a current one with this organisation; true when added. */
    public boolean insertSettingIfNew(long childId, NewChild.NewSetting setting, String source, LocalDate asOf) {
        long current = jdbc.sql("""
                        SELECT COUNT(*) FROM child_setting WHERE child_id = :child AND kind = :kind
                            AND organisation_id = :organisation AND end_date IS NULL""")
                .param("child", childId).param("kind", setting.kind().name()).param("organisation", setting.organisationId())
                .query(Long.class).single();
        if (current > 0) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO child_setting (child_id, kind, organisation_id, start_date, end_date, source, as_of)
                        VALUES (:child, :kind, :organisation, :start, :end, :source, :asOf)""")
                .param("child", childId).param("kind", setting.kind().name()).param("organisation", setting.organisationId())
                .param("start", setting.startDate()).param("end", setting.endDate(), java.sql.Types.DATE)
                .param("source", source).param("asOf", asOf)
                .update();
        return true;
    }

    /** A setting to record on an existing child, from a source as of a date. */
    public record SettingFor(long childId, NewChild.NewSetting setting, String source, LocalDate asOf) {
    }

    /**
     * Adds settings to existing children in one batch, skipping each one the child already has as a current
     * setting with the same organisation (and repeats within the batch); returns how many were added.
     */
    public int insertSettingsIfNew(List<SettingFor> settings) {
        if (settings.isEmpty()) {
            return 0;
        }
        java.util.Set<String> current = new java.util.HashSet<>();
        List<Long> children = settings.stream().map(SettingFor::childId).distinct().toList();
        for (int from = 0; from < children.size(); from += 1_000) {
            jdbc.sql("""
                            SELECT child_id, kind, organisation_id FROM child_setting
                            WHERE child_id IN (:children) AND end_date IS NULL""")
                    .param("children", children.subList(from, Math.min(children.size(), from + 1_000)))
                    .query(rs -> {
                        current.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
                    });
        }
        List<Object[]> rows = new ArrayList<>();
        for (SettingFor s : settings) {
            if (current.add(s.childId() + "|" + s.setting().kind().name() + "|" + s.setting().organisationId())) {
                rows.add(new Object[] {s.childId(), s.setting().kind().name(), s.setting().organisationId(),
                        s.setting().startDate(), s.setting().endDate(), s.source(), s.asOf()});
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO child_setting (child_id, kind, organisation_id, start_date, end_date, source, as_of)
                    VALUES (?,?,?,?,?,?,?)""", rows, new int[] {java.sql.Types.BIGINT, java.sql.Types.VARCHAR,
                    java.sql.Types.BIGINT, java.sql.Types.DATE, java.sql.Types.DATE, java.sql.Types.VARCHAR,
                    java.sql.Types.DATE});
        }
        return rows.size();
    }

    /** An involvement to record on an existing child, from a source as of a date. */
    public record InvolvementFor(long childId, NewChild.NewInvolvement involvement, String source, LocalDate asOf) {
    }

    /**
     * Adds involvements to existing children in one batch, skipping each one the child already has (same service,
     * organisation, practitioner, team and start date) and repeats within the batch; returns how many were added.
     */
    public int insertInvolvementsIfNew(List<InvolvementFor> involvements) {
        if (involvements.isEmpty()) {
            return 0;
        }
        java.util.Set<String> held = new java.util.HashSet<>();
        List<Long> children = involvements.stream().map(InvolvementFor::childId).distinct().toList();
        for (int from = 0; from < children.size(); from += 1_000) {
            jdbc.sql("""
                            SELECT child_id, service_type, organisation_id, practitioner_name, team_name, start_date, sealed
                            FROM involvement WHERE child_id IN (:children)""")
                    .param("children", children.subList(from, Math.min(children.size(), from + 1_000)))
                    .query(rs -> {
                        // a sealed (sensitive) entry's practitioner and team are not readable here: the same service,
                        // organisation and start date is the same entry (ADR 26)
                        held.add(rs.getString(7) != null ? sealedKey(rs.getLong(1), rs.getString(2), rs.getLong(3),
                                rs.getObject(6, LocalDate.class)) : involvementKey(rs.getLong(1), rs.getString(2),
                                rs.getLong(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class)));
                    });
        }
        List<Object[]> rows = new ArrayList<>();
        for (InvolvementFor f : involvements) {
            NewChild.NewInvolvement i = f.involvement();
            if (i.serviceType().sensitive()
                    && held.contains(sealedKey(f.childId(), i.serviceType().name(), i.organisationId(), i.startDate()))) {
                continue;
            }
            if (held.add(involvementKey(f.childId(), i.serviceType().name(), i.organisationId(), i.practitionerName(),
                    i.teamName(), i.startDate()))) {
                rows.add(new Object[] {f.childId(), i.serviceType().name(), i.organisationId(), i.practitionerName(),
                        i.teamName(), i.role(), i.phone(), i.email(), i.startDate(), i.endDate(), i.leadProfessional(),
                        i.cafHolder(), i.serviceType().sensitive(), f.source(), f.asOf()});
            }
        }
        if (!rows.isEmpty()) {
            int v = java.sql.Types.VARCHAR;
            template.batchUpdate("""
                    INSERT INTO involvement (child_id, service_type, organisation_id, practitioner_name, team_name, role,
                        phone, email, start_date, end_date, lead_professional, caf_holder, sensitive, source, as_of)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows, new int[] {java.sql.Types.BIGINT, v,
                    java.sql.Types.BIGINT, v, v, v, v, v, java.sql.Types.DATE, java.sql.Types.DATE,
                    java.sql.Types.BOOLEAN, java.sql.Types.BOOLEAN, java.sql.Types.BOOLEAN, v, java.sql.Types.DATE});
        }
        return rows.size();
    }

    private static String sealedKey(long child, String service, long organisation, LocalDate start) {
        return child + "|" + service + "|" + organisation + "|sealed|" + start;
    }

    private static String involvementKey(long child, String service, long organisation, String practitioner, String team,
            LocalDate start) {
        return child + "|" + service + "|" + organisation + "|" + practitioner + "|" + team + "|" + start;
    }

    /** The source of each child's values, by provenance field (name, date_of_birth, gender, address...). */
    public java.util.Map<Long, java.util.Map<String, String>> provenanceSources(java.util.Collection<Long> childIds) {
        java.util.Map<Long, java.util.Map<String, String>> out = new java.util.HashMap<>();
        List<Long> all = List.copyOf(childIds);
        for (int from = 0; from < all.size(); from += 1_000) {
            jdbc.sql("SELECT child_id, field, source FROM value_provenance WHERE child_id IN (:ids)")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 1_000)))
                    .query(rs -> {
                        out.computeIfAbsent(rs.getLong(1), k -> new java.util.HashMap<>()).put(rs.getString(2), rs.getString(3));
                    });
        }
        return out;
    }

    /** Every data source's precedence (lower wins). */
    public java.util.Map<String, Integer> sourcePrecedence() {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        jdbc.sql("SELECT code, precedence FROM data_source").query(rs -> {
            out.put(rs.getString(1), rs.getInt(2));
        });
        return out;
    }

    /**
     * Replaces identifying values of existing children with a source's (the caller applied the precedence), keeping
     * each old value in {@code child_amendment} and the new value's source and date in {@code value_provenance}.
     */
    public void updateIdentity(List<uk.contactpoint.directory.Directory.IdentityUpdate> updates) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> names = new ArrayList<>();
        List<Object[]> dates = new ArrayList<>();
        List<Object[]> genders = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        List<Object[]> provenance = new ArrayList<>();
        for (uk.contactpoint.directory.Directory.IdentityUpdate u : updates) {
            String by = "feed " + u.source();
            String reason = "value from a source of equal or higher precedence";
            if (u.name() != null) {
                names.add(new Object[] {u.name().given(), u.name().middle(), u.name().family(), now, u.childId()});
                history.add(new Object[] {u.childId(), "name", u.oldName(), u.name().given() + " "
                        + (u.name().middle() == null ? "" : u.name().middle() + " ") + u.name().family(), u.source(), by, now, reason});
                provenance.add(new Object[] {u.source(), u.asOf(), u.childId(), "name"});
            }
            if (u.dateOfBirth() != null) {
                dates.add(new Object[] {u.dateOfBirth(), now, u.childId()});
                history.add(new Object[] {u.childId(), "date_of_birth", u.oldDateOfBirth(), u.dateOfBirth().toString(),
                        u.source(), by, now, reason});
                provenance.add(new Object[] {u.source(), u.asOf(), u.childId(), "date_of_birth"});
            }
            if (u.gender() != null) {
                genders.add(new Object[] {u.gender().name(), now, u.childId()});
                history.add(new Object[] {u.childId(), "gender", u.oldGender(), u.gender().name(), u.source(), by, now, reason});
                provenance.add(new Object[] {u.source(), u.asOf(), u.childId(), "gender"});
            }
        }
        if (!names.isEmpty()) {
            template.batchUpdate("UPDATE child SET given_name = ?, middle_names = ?, family_name = ?, updated_at = ?,"
                    + " version = version + 1 WHERE id = ?", names);
        }
        if (!dates.isEmpty()) {
            template.batchUpdate("UPDATE child SET date_of_birth = ?, updated_at = ?, version = version + 1 WHERE id = ?", dates);
        }
        if (!genders.isEmpty()) {
            template.batchUpdate("UPDATE child SET gender = ?, updated_at = ?, version = version + 1 WHERE id = ?", genders);
        }
        if (!history.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO child_amendment (child_id, field, old_value, new_value, source, amended_by, amended_at, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", history);
            // every child has a provenance row per field from its creation; one made by hand may lack one
            for (Object[] p : provenance) {
                if (template.update("UPDATE value_provenance SET source = ?, as_of = ? WHERE child_id = ? AND field = ?", p) == 0) {
                    template.update("INSERT INTO value_provenance (source, as_of, child_id, field) VALUES (?, ?, ?, ?)", p);
                }
            }
        }
    }

    public long insertOrganisation(NewOrganisation o) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO organisation (kind, code, name, sector, setting_type, address_line1, address_line2, town,
                    postcode, phone, email, local_authority, accredited)
                VALUES (:kind, :code, :name, :sector, :settingType, :line1, :line2, :town, :postcode, :phone, :email,
                    :la, :accredited)""")
                .param("kind", o.kind().name())
                .param("code", o.code())
                .param("name", o.name())
                .param("sector", o.sector().name())
                .param("settingType", o.settingType())
                .param("line1", o.address() == null ? null : o.address().line1())
                .param("line2", o.address() == null ? null : o.address().line2())
                .param("town", o.address() == null ? null : o.address().town())
                .param("postcode", postcode(o.address()))
                .param("phone", o.phone())
                .param("email", o.email())
                .param("la", o.localAuthority() == null ? null : o.localAuthority().value())
                .param("accredited", o.accredited())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<Organisation> findOrganisation(long id) {
        return jdbc.sql("SELECT * FROM organisation WHERE id = :id").param("id", id)
                .query((rs, n) -> organisation(rs)).optional();
    }

    /** Every organisation of a kind, id by code: a few tens of thousands nationally, loaded once per feed run. */
    public java.util.Map<String, Long> organisationIds(OrganisationKind kind) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        jdbc.sql("SELECT code, id FROM organisation WHERE kind = :kind").param("kind", kind.name())
                .query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /** Organisation id to the live children it works with now (an open involvement, school or GP practice). */
    public java.util.Map<Long, List<Long>> childrenByOrganisation() {
        java.util.Map<Long, List<Long>> out = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT w.organisation_id, w.child_id FROM (
                            SELECT organisation_id, child_id FROM involvement WHERE end_date IS NULL
                            UNION
                            SELECT organisation_id, child_id FROM child_setting WHERE end_date IS NULL) w
                        JOIN child c ON c.id = w.child_id WHERE c.status = 'LIVE' ORDER BY w.organisation_id, w.child_id""")
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getLong(2));
                });
        return out;
    }

    /** The local authority of every organisation of a kind that has one, by code. */
    public java.util.Map<String, String> organisationAuthorities(OrganisationKind kind) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        jdbc.sql("SELECT code, local_authority FROM organisation WHERE kind = :kind AND local_authority IS NOT NULL")
                .param("kind", kind.name())
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    public Optional<Organisation> findOrganisation(OrganisationKind kind, String code) {
        return jdbc.sql("SELECT * FROM organisation WHERE kind = :kind AND code = :code")
                .param("kind", kind.name()).param("code", code)
                .query((rs, n) -> organisation(rs)).optional();
    }

    private static Organisation organisation(ResultSet rs) throws SQLException {
        return new Organisation(rs.getLong("id"), OrganisationKind.valueOf(rs.getString("kind")), rs.getString("code"),
                rs.getString("name"), Sector.valueOf(rs.getString("sector")), rs.getString("setting_type"),
                address(rs, ""), rs.getString("phone"), rs.getString("email"), rs.getString("local_authority"));
    }

    private static Address address(ResultSet rs, String prefix) throws SQLException {
        String line1 = rs.getString(prefix + "address_line1");
        String postcode = rs.getString(prefix + "postcode");
        if (line1 == null && postcode == null) {
            return null;
        }
        return new Address(line1, rs.getString(prefix + "address_line2"), rs.getString(prefix + "town"),
                postcode == null ? null : new Postcode(postcode));
    }

    private static String postcode(Address address) {
        return address == null || address.postcode() == null ? null : address.postcode().value();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
