package uk.contactpoint.safeguards;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.search.ChildFinder;
import uk.contactpoint.search.SearchCriteria;
import uk.contactpoint.search.SearchHit;

/**
 * Practitioner search through the one disclosure policy and the audit rule: enough detail or no search (no
 * browsing); users of an LA that is not live cannot search, and children of an LA that is not live are shown
 * to national administrators only; at most 10 results, or "add more detail"; a shielded child shows
 * "restricted" for postcode district and LA. Every search is audited, with its parameters and the ids it
 * showed, before the answer is returned.
 */
@Service
public class ChildSearches {

    public static final int MAX_RESULTS = 10;
    public static final String RESTRICTED = "restricted";

    /** One result as the viewer may see it. */
    public record Row(ContactPointId contactPointId, String name, LocalDate dateOfBirth, Gender gender,
                      String postcodeDistrict, String localAuthority, boolean restricted) {
        @Override
        public String toString() {
            return "Row[restricted=" + restricted + "]";
        }
    }

    /** The answer to a search. */
    public sealed interface Answer permits Found, TooMany, NeedsDetail, NotLive {
    }

    public record Found(List<Row> rows) implements Answer {
    }

    public record TooMany(int count) implements Answer {
    }

    public record NeedsDetail(Map<String, String> problems) implements Answer {
    }

    public record NotLive(String message) implements Answer {
    }

    private final ChildFinder finder;
    private final LocalAuthorities authorities;
    private final AuditLog audit;

    ChildSearches(ChildFinder finder, LocalAuthorities authorities, AuditLog audit) {
        this.finder = finder;
        this.authorities = authorities;
        this.audit = audit;
    }

    @Transactional
    public Answer search(Viewer viewer, SearchCriteria criteria) {
        boolean national = viewer.has(Role.NATIONAL_ADMIN);
        if (!national && viewer.localAuthority() != null && !live(viewer.localAuthority())) {
            return new NotLive("Your local authority is not live on ContactPoint yet: practitioners can search once it is. "
                    + "Ask your local authority ContactPoint team when that will be.");
        }
        Map<String, String> problems = criteria.problems(viewer.allocatingBodies().contains("NHS"),
                viewer.allocatingBodies().contains("DFE"));
        if (!problems.isEmpty()) {
            return new NeedsDetail(problems);
        }
        List<SearchHit> hits = finder.find(criteria).stream()
                .filter(h -> h.child().status() == RecordStatus.LIVE)
                .filter(h -> national || live(h.child().responsibleLa()))
                .toList();
        if (hits.size() > MAX_RESULTS) {
            audit.record(viewer, AuditAction.SEARCH, List.of(), null, AuditOutcome.NOTHING_DISCLOSED,
                    criteria.forAudit() + " results=" + hits.size() + " (too many: none shown)", criteria.personalValues());
            return new TooMany(hits.size());
        }
        List<Row> rows = hits.stream().flatMap(h -> row(h.child(), this::laName).stream()).toList();
        audit.record(viewer, AuditAction.SEARCH, hits.stream().map(h -> h.child().id()).toList(), null,
                rows.isEmpty() ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                criteria.forAudit() + " results=" + rows.size(), criteria.personalValues());
        return new Found(rows);
    }

    private boolean live(String gss) {
        return gss != null && authorities.find(new LocalAuthorityCode(gss)).map(la -> la.liveState() == LiveState.PRACTITIONERS_LIVE)
                .orElse(false);
    }

    private String laName(String gss) {
        return authorities.find(new LocalAuthorityCode(gss)).map(LocalAuthority::name).orElse(gss);
    }

    /**
     * One result as anyone may see it: nothing of a record that is not live; a shielded child's postcode district
     * and LA read "restricted" for everyone (the LA team too: a list is not where they broker contact).
     */
    static Optional<Row> row(ChildForMatching c, Function<String, String> laName) {
        if (c.status() != RecordStatus.LIVE) {
            return Optional.empty();
        }
        String name = c.givenName() + " " + c.familyName();
        if (c.shielded()) {
            return Optional.of(new Row(c.contactPointId(), name, c.dateOfBirth(), c.gender(), RESTRICTED, RESTRICTED, true));
        }
        String district = Optional.ofNullable(c.postcode()).flatMap(ChildSearches::district).orElse("not known");
        return Optional.of(new Row(c.contactPointId(), name, c.dateOfBirth(), c.gender(), district, laName.apply(c.responsibleLa()), false));
    }

    private static Optional<String> district(String postcode) {
        try {
            return Optional.of(new Postcode(postcode).district());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
