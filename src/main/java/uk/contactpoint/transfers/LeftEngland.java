package uk.contactpoint.transfers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.WhereaboutsEntry;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosurePolicy;

/**
 * The children an LA is responsible for who left England (DOMAIN.md section 2: known to intend to return within 3
 * years, known not to, or not known), for its ContactPoint team: on a page and as CSV. Each child passes the
 * disclosure policy; the list and the export are audited with the children listed.
 */
@Service
public class LeftEngland {

    /** The whereabouts of a child who left England. */
    public static final List<Whereabouts> STATES = Arrays.stream(Whereabouts.values()).filter(Whereabouts::leftEngland).toList();
    public static final int PAGE_LIMIT = 500;
    public static final int EXPORT_LIMIT = 20_000;

    /** A child of the list: as the viewer may see them, and since when (and from which source) the whereabouts holds. */
    public record Row(DisclosedChild child, LocalDate since, String source) {
    }

    /** The rows shown (at most the limit) and how many there are in all. */
    public record Listing(List<Row> rows, long total) {
    }

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final AuditLog audit;

    LeftEngland(Directory directory, DisclosurePolicy policy, AuditLog audit) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
    }

    /** Whether this viewer sees their LA's list: a member of its management team, not through a call. */
    public static boolean lists(Viewer viewer) {
        return viewer.localAuthority() != null && viewer.mediation() == null
                && viewer.roles().stream().anyMatch(Role::laManagementTeam);
    }

    /** The list for the page. */
    @Transactional
    public Listing page(Viewer viewer) {
        return list(viewer, PAGE_LIMIT, AuditAction.LIST);
    }

    /** The list for the CSV export. */
    @Transactional
    public Listing export(Viewer viewer) {
        return list(viewer, EXPORT_LIMIT, AuditAction.EXPORT);
    }

    private Listing list(Viewer viewer, int limit, AuditAction action) {
        if (!lists(viewer)) {
            throw new Transfers.NotAllowed("Only an LA's management team sees its children who left England");
        }
        LocalAuthorityCode la = new LocalAuthorityCode(viewer.localAuthority());
        long total = directory.countWithWhereabouts(la, STATES);
        List<Row> rows = new ArrayList<>();
        for (WhereaboutsEntry e : directory.withWhereabouts(la, STATES, limit)) {
            policy.apply(e.child(), viewer).ifPresent(c -> rows.add(new Row(c, e.since(), e.source())));
        }
        audit.record(viewer, action, rows.stream().map(r -> r.child().id()).toList(), null,
                rows.isEmpty() ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                "children who left England: shown=" + rows.size() + " of " + total);
        return new Listing(rows, total);
    }

    /** The rows as CSV, RFC 4180 quoted, a formula-looking value kept as text. */
    public static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "contactpoint_id,given_name,middle_names,family_name,date_of_birth,gender,whereabouts,education_status,recorded_since,source\r\n");
        for (Row r : rows) {
            DisclosedChild c = r.child();
            out.append(String.join(",", List.of(q(c.contactPointId().value()), q(c.name().given()), q(c.name().middle()),
                    q(c.name().family()), q(String.valueOf(c.dateOfBirth())), q(c.gender() == null ? null : c.gender().name()),
                    q(c.whereabouts() == null ? null : c.whereabouts().name()),
                    q(c.educationStatus() == null ? null : c.educationStatus().name()),
                    q(r.since() == null ? null : r.since().toString()), q(r.source())))).append("\r\n");
        }
        return out.toString();
    }

    static String q(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
