package uk.contactpoint.access;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accreditation of organisations by national administrators: no member of an organisation can sign in
 * until it has signed the ContactPoint agreement and confirmed its misuse procedure, and the accreditation
 * lasts until its expiry date (access of all its users stops by itself then). Withdrawing it stops them at
 * once (their sessions end at their next request, within 60 s). Every act is audited.
 */
@Service
public class OrganisationAccreditation {

    static final int MAX_LISTED = 200;

    /** An organisation and its accreditation, for the administrators' pages. */
    public record Accreditation(long id, String name, String kind, String localAuthority, boolean accredited,
                                LocalDate accreditedOn, LocalDate expiresOn, LocalDate agreementSignedOn,
                                LocalDate misuseProcedureConfirmedOn, long users) {

        /** Accredited and not past its expiry date. */
        public boolean current(LocalDate today) {
            return accredited && (expiresOn == null || expiresOn.isAfter(today));
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrganisationAccreditation(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public static boolean administers(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN);
    }

    private static void require(Viewer viewer) {
        if (!administers(viewer)) {
            throw new UserAdministration.AccessDenied("Only national administrators accredit organisations");
        }
    }

    private static final String SELECT = """
            SELECT o.id, o.name, o.kind, o.local_authority, o.accredited, o.accredited_on, o.accreditation_expires_on,
                   o.agreement_signed_on, o.misuse_procedure_confirmed_on,
                   (SELECT COUNT(*) FROM app_user u WHERE u.organisation_id = o.id) AS users
            FROM organisation o
            """;

    /** Organisations whose name contains the words searched for (or, with none, those that have users), at most 200. */
    @Transactional(readOnly = true)
    public List<Accreditation> find(Viewer viewer, String nameContains) {
        require(viewer);
        String q = nameContains == null ? "" : nameContains.trim().toLowerCase(Locale.ROOT);
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        String where = q.isEmpty() ? "WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.organisation_id = o.id) OR o.accredited = FALSE AND o.kind NOT IN ('EDUCATION_SETTING', 'GP_PRACTICE')"
                : "WHERE LOWER(o.name) LIKE :q";
        var sql = jdbc.sql(SELECT + where + " ORDER BY o.name FETCH FIRST " + MAX_LISTED + " ROWS ONLY");
        if (!q.isEmpty()) {
            sql = sql.param("q", "%" + q.replace("\\", "").replace("%", "").replace("_", "") + "%");
        }
        return sql.query((rs, n) -> row(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<Accreditation> get(Viewer viewer, long id) {
        require(viewer);
        return jdbc.sql(SELECT + "WHERE o.id = :id").param("id", id).query((rs, n) -> row(rs)).optional();
    }

    private static Accreditation row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Accreditation(rs.getLong("id"), rs.getString("name"), rs.getString("kind"), rs.getString("local_authority"),
                rs.getBoolean("accredited"), rs.getObject("accredited_on", LocalDate.class),
                rs.getObject("accreditation_expires_on", LocalDate.class), rs.getObject("agreement_signed_on", LocalDate.class),
                rs.getObject("misuse_procedure_confirmed_on", LocalDate.class), rs.getLong("users"));
    }

    /**
     * Accredits (or renews) an organisation.
     *
     * @throws IllegalArgumentException naming the field, when a date is missing or impossible
     */
    @Transactional
    public void accredit(Viewer viewer, long id, LocalDate agreementSignedOn, LocalDate misuseConfirmedOn, LocalDate expiresOn) {
        require(viewer);
        LocalDate today = LocalDate.now(clock);
        if (agreementSignedOn == null || agreementSignedOn.isAfter(today)) {
            throw new IllegalArgumentException("Agreement: enter the date the organisation signed the ContactPoint agreement (not in the future)");
        }
        if (misuseConfirmedOn == null || misuseConfirmedOn.isAfter(today)) {
            throw new IllegalArgumentException("Misuse procedure: enter the date the organisation confirmed its misuse procedure (not in the future)");
        }
        if (expiresOn == null || !expiresOn.isAfter(today) || expiresOn.isAfter(today.plusYears(5))) {
            throw new IllegalArgumentException("Expiry: enter a date after today and within 5 years");
        }
        int updated = jdbc.sql("""
                        UPDATE organisation SET accredited = TRUE, accredited_on = :today, accreditation_expires_on = :expires,
                            agreement_signed_on = :agreement, misuse_procedure_confirmed_on = :misuse WHERE id = :id""")
                .param("today", today).param("expires", expiresOn).param("agreement", agreementSignedOn)
                .param("misuse", misuseConfirmedOn).param("id", id).update();
        if (updated != 1) {
            throw new UserAdministration.AccessDenied("No such organisation");
        }
        events.publishEvent(AccountEvent.by(viewer, AccountEvent.Kind.ORGANISATION_ACCREDITED, 0,
                "organisation=" + id + " expires=" + expiresOn));
    }

    /** Withdraws accreditation: every user of the organisation is stopped. */
    @Transactional
    public void withdraw(Viewer viewer, long id, String reason) {
        require(viewer);
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new IllegalArgumentException("Reason: say why accreditation is withdrawn (up to 200 characters)");
        }
        if (jdbc.sql("UPDATE organisation SET accredited = FALSE WHERE id = :id").param("id", id).update() != 1) {
            throw new UserAdministration.AccessDenied("No such organisation");
        }
        events.publishEvent(AccountEvent.by(viewer, AccountEvent.Kind.ORGANISATION_WITHDRAWN, 0,
                "organisation=" + id + " reason=" + reason.trim()));
    }
}
