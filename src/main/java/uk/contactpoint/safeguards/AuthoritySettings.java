package uk.contactpoint.safeguards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * An authority's own settings, kept by its management team (ADR 29): the daily cap on records of children a
 * practitioner does not work with (DOMAIN.md section 7, default 20), and the two numbers every record of its
 * children shows for brokering contact (its ContactPoint team in office hours, its emergency duty team out of
 * hours). Data managers and user administrators of the authority change them, national administrators for any
 * authority; the authority's auditors read them. Every change is audited with the old and new values (none of
 * them personal data).
 */
@Service
public class AuthoritySettings {

    /** The largest cap an authority may set: above it the cap no longer makes anyone ask. */
    public static final int MAX_CAP = 200;

    /** What the page shows. */
    public record Settings(LocalAuthority authority, int dailyViewCap) {
    }

    private final LocalAuthorities authorities;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    AuthoritySettings(LocalAuthorities authorities, JdbcClient jdbc, AuditLog audit) {
        this.authorities = authorities;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Whether the viewer may read some authority's settings (the menu shows the page). */
    public static boolean reads(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN) || viewer.has(Role.LA_DATA_MANAGER) || viewer.has(Role.LA_USER_ADMIN)
                || viewer.has(Role.LA_AUDITOR);
    }

    /** Whether the viewer may read this authority's settings. */
    public static boolean reads(Viewer viewer, LocalAuthorityCode code) {
        return viewer.has(Role.NATIONAL_ADMIN) || reads(viewer) && viewer.onManagementTeamOf(code.value());
    }

    /** Whether the viewer may change this authority's settings. */
    public static boolean changes(Viewer viewer, LocalAuthorityCode code) {
        return viewer.has(Role.NATIONAL_ADMIN)
                || (viewer.has(Role.LA_DATA_MANAGER) || viewer.has(Role.LA_USER_ADMIN)) && viewer.onManagementTeamOf(code.value());
    }

    /**
     * The settings of an authority.
     *
     * @throws IllegalArgumentException when the viewer may not read them or there is no such authority
     */
    @Transactional(readOnly = true)
    public Settings of(Viewer viewer, LocalAuthorityCode code) {
        if (!reads(viewer, code)) {
            throw new IllegalArgumentException("Only the authority's management team reads its settings");
        }
        LocalAuthority la = authorities.find(code).orElseThrow(() -> new IllegalArgumentException("No such local authority"));
        return new Settings(la, cap(code));
    }

    /**
     * Checks and saves new settings: all of them or none.
     *
     * @return what is wrong, by form field (cap, teamPhone, emergencyPhone); empty when saved
     * @throws IllegalArgumentException when the viewer may not change them or there is no such authority
     */
    @Transactional
    public Map<String, String> change(Viewer viewer, LocalAuthorityCode code, String capText, String teamPhone,
                                      String emergencyPhone) {
        if (!changes(viewer, code)) {
            throw new IllegalArgumentException("Only the authority's data managers and user administrators change its settings");
        }
        LocalAuthority la = authorities.find(code).orElseThrow(() -> new IllegalArgumentException("No such local authority"));
        Map<String, String> errors = new LinkedHashMap<>();
        Integer cap = cap(capText, errors);
        String team = phone(teamPhone, "teamPhone", "ContactPoint team", errors);
        String emergency = phone(emergencyPhone, "emergencyPhone", "emergency duty team", errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        int oldCap = cap(code);
        jdbc.sql("UPDATE local_authority SET daily_view_cap = :cap WHERE gss_code = :la")
                .param("cap", cap).param("la", code.value()).update();
        authorities.updatePhones(code, team, emergency);
        audit.record(viewer, AuditAction.ADMIN, List.of(), null, AuditOutcome.SUCCESS,
                "la-settings " + code.value() + " cap " + oldCap + "->" + cap
                        + (Objects.equals(la.contactPointTeamPhone(), team) ? "" : " team-phone changed")
                        + (Objects.equals(la.emergencyDutyPhone(), emergency) ? "" : " emergency-phone changed"));
        return Map.of();
    }

    private int cap(LocalAuthorityCode code) {
        return jdbc.sql("SELECT daily_view_cap FROM local_authority WHERE gss_code = :la").param("la", code.value())
                .query(Integer.class).single();
    }

    private static Integer cap(String text, Map<String, String> errors) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            errors.put("cap", "Enter the number of records a practitioner may open each day of children they do not work with");
            return null;
        }
        try {
            int cap = Integer.parseInt(t);
            if (cap >= 0 && cap <= MAX_CAP) {
                return cap;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put("cap", "The daily limit must be a whole number from 0 to " + MAX_CAP);
        return null;
    }

    /** A UK telephone number: digits with optional spaces, a leading +44 or 0; 10 or 11 digits in the national form. */
    static String phone(String text, String field, String whose, Map<String, String> errors) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (t.isEmpty()) {
            errors.put(field, "Enter the " + whose + " telephone number");
            return null;
        }
        String digits = t.replaceAll("[ ()-]", "");
        String national = digits.startsWith("+44") ? "0" + digits.substring(3) : digits;
        if (!national.matches("0\\d{9,10}") || t.length() > 20) {
            errors.put(field, "Enter the " + whose + " telephone number as a UK number, like 01632 960 001");
            return null;
        }
        return t;
    }
}
