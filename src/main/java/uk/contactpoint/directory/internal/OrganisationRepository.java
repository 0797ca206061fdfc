package uk.contactpoint.directory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.ReferenceOrganisation;
import uk.contactpoint.directory.ReferenceOrganisation.Change;

/** Organisations from reference files (GIAS, ODS): added or updated by (kind, code), each change recorded. */
@Repository
public class OrganisationRepository {

    private final JdbcClient jdbc;

    OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReferenceOrganisation> find(OrganisationKind kind, String code) {
        return current(kind, code).map(Current::organisation);
    }

    private record Current(long id, ReferenceOrganisation organisation) {
    }

    private Optional<Current> current(OrganisationKind kind, String code) {
        return jdbc.sql("SELECT * FROM organisation WHERE kind = :kind AND code = :code")
                .param("kind", kind.name()).param("code", code)
                .query((rs, n) -> new Current(rs.getLong("id"), read(rs))).optional();
    }

    /**
     * Adds the organisation, or updates the one with its kind and code where any value differs; an unknown
     * authority (null) keeps the one already held. Runs in the caller's transaction.
     */
    public Change save(ReferenceOrganisation o, String source, LocalDate asOf, Long batchId) {
        Optional<Current> existing = current(o.kind(), o.code());
        if (existing.isEmpty()) {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO organisation (kind, code, name, sector, setting_type, address_line1, address_line2,
                                town, postcode, phone, local_authority, accredited, closed, opened_on, closed_on, source, as_of)
                            VALUES (:kind, :code, :name, :sector, :settingType, :line1, :line2, :town, :postcode, :phone,
                                :la, FALSE, :closed, :openedOn, :closedOn, :source, :asOf)""")
                    .param("kind", o.kind().name()).param("code", o.code()).param("sector", o.sector().name())
                    .params(values(o, o.localAuthority(), source, asOf))
                    .update(keys, "id");
            long id = keys.getKeyAs(Number.class).longValue();
            change(id, batchId, Change.ADDED, "all", source, asOf);
            return Change.ADDED;
        }
        ReferenceOrganisation was = existing.get().organisation();
        LocalAuthorityCode la = o.localAuthority() != null ? o.localAuthority() : was.localAuthority();
        ReferenceOrganisation now = new ReferenceOrganisation(o.kind(), o.code(), o.name(), o.settingType(), o.address(),
                o.phone(), la, o.openedOn(), o.closed(), o.closedOn());
        List<String> changed = differences(was, now);
        if (changed.isEmpty()) {
            return Change.UNCHANGED;
        }
        jdbc.sql("""
                        UPDATE organisation SET name = :name, setting_type = :settingType, address_line1 = :line1,
                            address_line2 = :line2, town = :town, postcode = :postcode, phone = :phone, local_authority = :la,
                            closed = :closed, opened_on = :openedOn, closed_on = :closedOn, source = :source, as_of = :asOf
                        WHERE id = :id""")
                .params(values(now, la, source, asOf))
                .param("id", existing.get().id())
                .update();
        change(existing.get().id(), batchId, Change.UPDATED, String.join(",", changed), source, asOf);
        return Change.UPDATED;
    }

    private static java.util.Map<String, Object> values(ReferenceOrganisation o, LocalAuthorityCode la, String source,
            LocalDate asOf) {
        Address a = o.address();
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("name", o.name());
        values.put("settingType", o.settingType());
        values.put("line1", a == null ? null : a.line1());
        values.put("line2", a == null ? null : a.line2());
        values.put("town", a == null ? null : a.town());
        values.put("postcode", a == null || a.postcode() == null ? null : a.postcode().value());
        values.put("phone", o.phone());
        values.put("la", la == null ? null : la.value());
        values.put("closed", o.closed());
        values.put("openedOn", o.openedOn());
        values.put("closedOn", o.closedOn());
        values.put("source", source);
        values.put("asOf", asOf);
        return values;
    }

    private void change(long organisation, Long batchId, Change action, String fields, String source, LocalDate asOf) {
        jdbc.sql("""
                        INSERT INTO organisation_change (organisation_id, batch_id, action, fields, source, as_of)
                        VALUES (:organisation, :batch, :action, :fields, :source, :asOf)""")
                .param("organisation", organisation).param("batch", batchId, java.sql.Types.BIGINT)
                .param("action", action.name()).param("fields", fields).param("source", source).param("asOf", asOf)
                .update();
    }

    /** Added and updated organisations of a batch, in that order. */
    public long[] changesOf(long batchId) {
        long[] counts = new long[2];
        jdbc.sql("SELECT action, COUNT(*) AS n FROM organisation_change WHERE batch_id = :batch GROUP BY action")
                .param("batch", batchId)
                .query(rs -> {
                    counts[Change.valueOf(rs.getString("action")).ordinal()] = rs.getLong("n");
                });
        return counts;
    }

    private static List<String> differences(ReferenceOrganisation a, ReferenceOrganisation b) {
        List<String> out = new ArrayList<>();
        diff(out, "name", a.name(), b.name());
        diff(out, "setting_type", a.settingType(), b.settingType());
        Address x = a.address();
        Address y = b.address();
        diff(out, "address_line1", x == null ? null : x.line1(), y == null ? null : y.line1());
        diff(out, "address_line2", x == null ? null : x.line2(), y == null ? null : y.line2());
        diff(out, "town", x == null ? null : x.town(), y == null ? null : y.town());
        diff(out, "postcode", x == null ? null : x.postcode(), y == null ? null : y.postcode());
        diff(out, "phone", a.phone(), b.phone());
        diff(out, "local_authority", a.localAuthority(), b.localAuthority());
        diff(out, "opened_on", a.openedOn(), b.openedOn());
        diff(out, "closed", a.closed(), b.closed());
        diff(out, "closed_on", a.closedOn(), b.closedOn());
        return out;
    }

    private static void diff(List<String> out, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(field);
        }
    }

    private static ReferenceOrganisation read(ResultSet rs) throws SQLException {
        String line1 = rs.getString("address_line1");
        String line2 = rs.getString("address_line2");
        String town = rs.getString("town");
        String postcode = rs.getString("postcode");
        Address address = line1 == null && line2 == null && town == null && postcode == null ? null
                : new Address(line1, line2, town, postcode == null ? null : new Postcode(postcode));
        String la = rs.getString("local_authority");
        return new ReferenceOrganisation(OrganisationKind.valueOf(rs.getString("kind")), rs.getString("code"),
                rs.getString("name"), rs.getString("setting_type"), address, rs.getString("phone"),
                la == null ? null : new LocalAuthorityCode(la), rs.getObject("opened_on", LocalDate.class),
                rs.getBoolean("closed"), rs.getObject("closed_on", LocalDate.class));
    }
}
