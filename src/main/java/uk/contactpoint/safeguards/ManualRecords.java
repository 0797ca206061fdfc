package uk.contactpoint.safeguards;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.Amendment;
import uk.contactpoint.directory.ChildCorrection;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.RecordChangedException;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.search.ChildFinder;
import uk.contactpoint.search.ChildParticulars;
import uk.contactpoint.search.SearchHit;

/**
 * Records created and corrected by hand by an LA's data managers (ADR 17), as one more source,
 * {@value #SOURCE}: a new child is first checked against the directory with the search module's linkage
 * model and blocking keys, its likely duplicates shown through the disclosure policy, and created only when
 * the user says none of them is the child (the check, the candidates and the decision are recorded); an
 * identifier another child already holds blocks it. A correction keeps each old value in the amendment
 * history and the new value's source in the record's provenance. Every read and change is audited in the
 * same transaction; bad input writes nothing.
 */
@Service
public class ManualRecords {

    /** The data_source code of values entered by hand (V16); it takes precedence over every feed. */
    public static final String SOURCE = "LA_MANUAL";
    /** Reason recorded for opening a record to correct it. */
    static final String AMEND_REASON = "To correct the record (LA data manager)";
    static final int MAX_REASON = 200;
    /** Candidates recorded per check beyond those shown: enough to see what the user did not see. */
    static final int MAX_RECORDED = 50;

    /** Refused: the user is not an LA data manager. */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed() {
            super("Only an LA's data managers create and correct records by hand", null, false, false);
        }
    }

    /** A likely duplicate as the user may see it. A restricted (shielded) one shows no postcode district or LA. */
    public record Candidate(ContactPointId contactPointId, String name, LocalDate dateOfBirth, Gender gender,
                            String postcodeDistrict, String localAuthority, boolean restricted, int percent,
                            boolean strong) {
        @Override
        public String toString() {
            return "Candidate[restricted=" + restricted + "]";
        }
    }

    /** What became of a request to check, create or choose. */
    public sealed interface Outcome permits Invalid, Checked, Created, SameChild {
    }

    /** Nothing changed: field id to what to correct. */
    public record Invalid(Map<String, String> problems) implements Outcome {
    }

    /**
     * The likely duplicates, best first ({@code notShown}: more that are not shown, being beyond the first ten or
     * in an authority not yet live). {@code again}: a confirmation found candidates the user had not been shown.
     */
    public record Checked(long checkId, List<Candidate> candidates, int notShown, boolean again) implements Outcome {
    }

    public record Created(ContactPointId contactPointId) implements Outcome {
    }

    /** The user said the child is this existing record; nothing was created. */
    public record SameChild(ContactPointId contactPointId, boolean restricted) implements Outcome {
    }

    /**
     * A record opened to be corrected: the values as the policy lets the user see them, the version they are
     * of, the history of corrections, and whether the record is shielded.
     */
    public record Editable(DisclosedChild child, int version, List<Amendment> history, boolean shielded) {
    }

    /** What became of a correction. */
    public sealed interface Correction permits Corrected, NotCorrected {
    }

    public record Corrected(List<String> fields) implements Correction {
    }

    public record NotCorrected(Map<String, String> problems) implements Correction {
    }

    private final Directory directory;
    private final ChildFinder finder;
    private final DisclosurePolicy policy;
    private final LocalAuthorities authorities;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final ProtectedFields fields;

    ManualRecords(Directory directory, ChildFinder finder, DisclosurePolicy policy, LocalAuthorities authorities,
                  AuditLog audit, JdbcClient jdbc, Clock clock, ProtectedFields fields) {
        this.fields = fields;
        this.directory = directory;
        this.finder = finder;
        this.policy = policy;
        this.authorities = authorities;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether this viewer creates and corrects records by hand: an LA data manager, for their own LA. */
    public static boolean maintains(Viewer viewer) {
        return viewer.has(Role.LA_DATA_MANAGER) && viewer.localAuthority() != null;
    }

    private static void require(Viewer viewer) {
        if (!maintains(viewer)) {
            throw new NotAllowed();
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- create ----

    /**
     * Checks a new child against the directory: the details are validated, an identifier already held blocks,
     * and the likely duplicates are found, recorded with the check and returned as the viewer may see them.
     */
    @Transactional
    public Outcome check(Viewer viewer, ManualChild child) {
        require(viewer);
        Optional<Invalid> invalid = invalid(viewer, child);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return newCheck(viewer, child, finder.likelyDuplicates(particulars(child)), false);
    }

    /**
     * Creates the child after a check the user has seen ("none of these is the child"). The details are
     * checked again; when the directory now holds a likely duplicate the user was not shown (a feed arrived, or
     * the details changed), a new check is returned instead and nothing is created.
     */
    @Transactional
    public Outcome create(Viewer viewer, long checkId, ManualChild child) {
        require(viewer);
        Optional<Set<Long>> recorded = pendingCheck(viewer, checkId);
        if (recorded.isEmpty()) {
            return new Invalid(Map.of("check", "Check for existing records before creating one"));
        }
        Optional<Invalid> invalid = invalid(viewer, child);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        List<SearchHit> hits = finder.likelyDuplicates(particulars(child));
        if (!hits.stream().allMatch(h -> recorded.get().contains(h.child().id()))) {
            decide(checkId, "SUPERSEDED", null, null);
            return newCheck(viewer, child, hits, true);
        }
        LocalDate today = today();
        List<SourceIdentifier> identifiers = new ArrayList<>();
        if (child.nhsNumber() != null) {
            identifiers.add(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS,
                    child.nhsNumberValue(), SOURCE, today));
        }
        if (child.upn() != null) {
            identifiers.add(new SourceIdentifier(SourceIdentifier.Scheme.UPN, SourceIdentifier.DFE, child.upnValue(),
                    SOURCE, today));
        }
        List<NewChild.NewSetting> settings = new ArrayList<>();
        organisation(OrganisationKind.EDUCATION_SETTING, child.schoolUrn()).ifPresent(o ->
                settings.add(new NewChild.NewSetting(Setting.Kind.EDUCATION, o.id(), today, null)));
        organisation(OrganisationKind.GP_PRACTICE, child.gpPracticeCode()).ifPresent(o ->
                settings.add(new NewChild.NewSetting(Setting.Kind.PRIMARY_CARE, o.id(), today, null)));
        Address address = child.hasAddress()
                ? new Address(child.addressLine1(), child.addressLine2(), child.town(), child.postcodeValue()) : null;
        ContactPointId id = newContactPointId();
        NewChild record = new NewChild(id, new PersonName(child.givenName(), child.middleNames(), child.familyName()),
                List.of(), child.dateOfBirth(), child.gender(),
                address == null ? Whereabouts.NO_ADDRESS_KNOWN : Whereabouts.CURRENT_ADDRESS, address, null,
                child.schoolUrn() != null ? EducationStatus.AT_SCHOOL : EducationStatus.UNKNOWN,
                new LocalAuthorityCode(viewer.localAuthority()), false, List.of(), settings, List.of(), identifiers,
                SOURCE, today);
        // The normal path: the directory publishes ChildrenAdded and the search module indexes the child in this
        // transaction, so it is found at once (and by the next feed's matching).
        long childId = directory.add(List.of(record)).get(0);
        decide(checkId, "CREATED", null, childId);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(childId), null, AuditOutcome.CHANGED,
                "manual record created after check " + checkId + ": none of the candidates "
                        + new java.util.TreeSet<>(recorded.get())
                        + " is the child; source=" + SOURCE);
        return new Created(id);
    }

    /** The user says the child is one of the candidates they were shown: recorded, nothing created. */
    @Transactional
    public Outcome sameChild(Viewer viewer, long checkId, ContactPointId chosen) {
        require(viewer);
        if (pendingCheck(viewer, checkId).isEmpty()) {
            return new Invalid(Map.of("check", "Check for existing records again: that check is over"));
        }
        Optional<Object[]> candidate = jdbc.sql("""
                        SELECT c.id, c.shielded FROM manual_record_candidate m JOIN child c ON c.id = m.child_id
                        WHERE m.check_id = :check AND m.shown = TRUE AND c.contactpoint_id = :cp""")
                .param("check", checkId).param("cp", chosen.value())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2)}).optional();
        if (candidate.isEmpty()) {
            return new Invalid(Map.of("check", "Choose one of the records shown"));
        }
        long childId = (Long) candidate.get()[0];
        decide(checkId, "SAME_CHILD", childId, null);
        audit.record(viewer, AuditAction.ADMIN, List.of(childId), null, AuditOutcome.SUCCESS,
                "manual record check " + checkId + ": the same child as this record; nothing created");
        return new SameChild(chosen, (Boolean) candidate.get()[1]);
    }

    private Optional<Invalid> invalid(Viewer viewer, ManualChild child) {
        Map<String, String> problems = new LinkedHashMap<>(child.problems(today(), true));
        if (child.schoolUrn() != null && !problems.containsKey("schoolUrn")
                && organisation(OrganisationKind.EDUCATION_SETTING, child.schoolUrn()).isEmpty()) {
            problems.put("schoolUrn", "No school with that URN is known to ContactPoint: check the URN, or leave it empty");
        }
        if (child.gpPracticeCode() != null && !problems.containsKey("gpPracticeCode")
                && organisation(OrganisationKind.GP_PRACTICE, child.gpPracticeCode()).isEmpty()) {
            problems.put("gpPracticeCode", "No GP practice with that code is known to ContactPoint: check the code, or leave it empty");
        }
        if (!problems.isEmpty()) {
            return Optional.of(new Invalid(problems));
        }
        // An identifier belongs to one child: if another record holds it, this child is either that child or the
        // number is wrong. Which record holds it is not shown (the user may not be of the allocating body); the
        // refusal is audited with that child's id.
        Map<String, Long> held = new LinkedHashMap<>();
        if (child.nhsNumber() != null) {
            directory.childWithIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, child.nhsNumberValue())
                    .ifPresent(id -> held.put("nhsNumber", id));
        }
        if (child.upn() != null) {
            directory.childWithIdentifier(SourceIdentifier.Scheme.UPN, SourceIdentifier.DFE, child.upnValue())
                    .ifPresent(id -> held.put("upn", id));
        }
        if (held.isEmpty()) {
            return Optional.empty();
        }
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.copyOf(new java.util.LinkedHashSet<>(held.values())), null,
                AuditOutcome.REFUSED, "manual record refused: identifier already held (" + String.join(",", held.keySet()) + ")");
        Map<String, String> problems2 = new LinkedHashMap<>();
        held.keySet().forEach(field -> problems2.put(field, (field.equals("nhsNumber") ? "This NHS number" : "This UPN")
                + " is already on another child's record, so a new record cannot have it. Check the number; if it is "
                + "right, the child is already on ContactPoint: find that record instead."));
        return Optional.of(new Invalid(problems2));
    }

    private static ChildParticulars particulars(ManualChild c) {
        Postcode postcode = c.postcodeValue();
        return new ChildParticulars(c.givenName(), c.familyName(), c.dateOfBirth(), c.gender(),
                postcode == null ? null : postcode.value(), c.addressLine1(), c.town(), c.nhsNumberValue(), c.upnValue());
    }

    private Checked newCheck(Viewer viewer, ManualChild child, List<SearchHit> hits, boolean again) {
        List<Candidate> shown = new ArrayList<>();
        List<Long> shownIds = new ArrayList<>();
        List<Object[]> recorded = new ArrayList<>();
        int notShown = 0;
        for (SearchHit hit : hits) {
            Optional<Candidate> candidate = shown.size() < ChildSearches.MAX_RESULTS ? candidate(viewer, hit) : Optional.empty();
            candidate.ifPresent(c -> {
                shown.add(c);
                shownIds.add(hit.child().id());
            });
            if (candidate.isEmpty()) {
                notShown++;
            }
            if (recorded.size() < MAX_RECORDED || candidate.isPresent()) {
                recorded.add(new Object[] {hit.child().id(), hit.probability(), candidate.isPresent(), hit.child().shielded()});
            }
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO manual_record_check (local_authority, checked_by, checked_at, decision)
                        VALUES (:la, :me, :now, 'PENDING')""")
                .param("la", viewer.localAuthority()).param("me", viewer.username())
                .param("now", Timestamp.from(clock.instant())).update(key, "id");
        long checkId = key.getKeyAs(Number.class).longValue();
        for (int i = 0; i < recorded.size(); i++) {
            Object[] r = recorded.get(i);
            jdbc.sql("""
                            INSERT INTO manual_record_candidate (check_id, rank_no, child_id, probability, shown, shielded)
                            VALUES (:check, :rank, :child, :p, :shown, :shielded)""")
                    .param("check", checkId).param("rank", i + 1).param("child", r[0]).param("p", r[1])
                    .param("shown", r[2]).param("shielded", r[3]).update();
        }
        audit.record(viewer, AuditAction.SEARCH, shownIds, null,
                shownIds.isEmpty() ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                "manual record duplicate check: fields=" + fields(child) + " check=" + checkId + " results=" + shownIds.size()
                        + " not-shown=" + notShown, forAudit(child));
        return new Checked(checkId, shown, notShown, again);
    }

    /** The values checked, which the audit log keeps encrypted for as long as the children they concern (ADR 30). */
    private static String forAudit(ManualChild c) {
        StringBuilder s = new StringBuilder();
        if (c.givenName() != null) s.append("given=").append(c.givenName()).append(' ');
        s.append("family=").append(c.familyName());
        s.append(" dob=").append(c.dateOfBirth());
        if (c.postcode() != null) s.append(" postcode=").append(c.postcodeValue().value());
        if (c.nhsNumber() != null) s.append(" nhs=").append(c.nhsNumberValue());
        if (c.upn() != null) s.append(" upn=").append(c.upnValue());
        return s.toString();
    }

    /** Which values were checked, for the audit detail. */
    private static String fields(ManualChild c) {
        return (c.givenName() != null ? "given," : "") + "family,dob" + (c.postcode() != null ? ",postcode" : "")
                + (c.nhsNumber() != null ? ",nhs" : "") + (c.upn() != null ? ",upn" : "");
    }

    /**
     * A hit as the viewer may see it, through the disclosure policy; empty when the policy hides it or its
     * authority is not live (shown to national administrators only, as in search), unless it is the viewer's
     * own authority. In a list a shielded child never shows its postcode district or LA (they tell where it
     * lives), even to its own LA's team: they open the record, or ask the shielding officer.
     */
    private Optional<Candidate> candidate(Viewer viewer, SearchHit hit) {
        String la = hit.child().responsibleLa();
        if (!la.equals(viewer.localAuthority()) && !live(la)) {
            return Optional.empty();
        }
        Optional<ChildRecord> record = directory.find(hit.child().id());
        Optional<DisclosedChild> seen = record.flatMap(r -> policy.apply(r, viewer));
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        DisclosedChild d = seen.get();
        int percent = (int) Math.floor(hit.probability() * 100);
        boolean strong = finder.linkStrength(hit);
        String name = d.name().given() + " " + d.name().family();
        if (record.get().shielded() || d.restricted()) {
            return Optional.of(new Candidate(d.contactPointId(), name, d.dateOfBirth(), d.gender(),
                    ChildSearches.RESTRICTED, ChildSearches.RESTRICTED, true, percent, strong));
        }
        String district = d.address() == null || d.address().postcode() == null ? "not known" : d.address().postcodeDistrict();
        return Optional.of(new Candidate(d.contactPointId(), name, d.dateOfBirth(), d.gender(), district,
                d.localAuthorityName(), false, percent, strong));
    }

    private boolean live(String gss) {
        return authorities.find(new LocalAuthorityCode(gss)).map(a -> a.liveState() == LiveState.PRACTITIONERS_LIVE)
                .orElse(false);
    }

    /** The candidates recorded with this viewer's own pending check, locked; empty when there is no such check. */
    private Optional<Set<Long>> pendingCheck(Viewer viewer, long checkId) {
        Optional<Long> check = jdbc.sql("""
                        SELECT id FROM manual_record_check
                        WHERE id = :id AND checked_by = :me AND local_authority = :la AND decision = 'PENDING' FOR UPDATE""")
                .param("id", checkId).param("me", viewer.username()).param("la", viewer.localAuthority())
                .query(Long.class).optional();
        if (check.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HashSet<>(jdbc.sql("SELECT child_id FROM manual_record_candidate WHERE check_id = :id")
                .param("id", checkId).query(Long.class).list()));
    }

    private void decide(long checkId, String decision, Long chosen, Long created) {
        jdbc.sql("""
                        UPDATE manual_record_check SET decision = :decision, decided_at = :now, chosen_child_id = :chosen,
                            created_child_id = :created
                        WHERE id = :id AND decision = 'PENDING'""")
                .param("decision", decision).param("now", Timestamp.from(clock.instant()))
                .param("chosen", chosen, java.sql.Types.BIGINT).param("created", created, java.sql.Types.BIGINT)
                .param("id", checkId).update();
    }

    private Optional<Organisation> organisation(OrganisationKind kind, String code) {
        return code == null ? Optional.empty() : directory.organisation(kind, code);
    }

    private ContactPointId newContactPointId() {
        while (true) {
            ContactPointId id = ContactPointId.generate(random);
            if (directory.find(id).isEmpty()) {
                return id;
            }
        }
    }

    // ---- amend ----

    /**
     * Opens a record of the viewer's own authority to correct it (audited as a view with that reason). Empty
     * when there is no such live record the viewer may correct: another authority's child is refused, and the
     * refusal audited.
     */
    @Transactional
    public Optional<Editable> edit(Viewer viewer, ContactPointId id) {
        require(viewer);
        Optional<Integer> version = directory.find(id).flatMap(r -> directory.version(r.id()));
        Optional<ChildRecord> record = ownRecord(viewer, id);
        if (record.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        ChildRecord r = record.get();
        // The policy decides what the page shows; the responsible LA's data managers are on its management team,
        // so they see a shielded child's values (DOMAIN.md section 5). Anyone else never reaches this point.
        Optional<DisclosedChild> seen = policy.apply(r, viewer).filter(d -> !d.restricted());
        audit.record(viewer, AuditAction.RECORD_VIEW, List.of(r.id()), AMEND_REASON,
                seen.isPresent() ? AuditOutcome.DISCLOSED : AuditOutcome.NOTHING_DISCLOSED,
                ChildRecords.detail(r, viewer, seen.isEmpty()));
        return seen.map(d -> new Editable(d, version.get(), fields.openHistory(viewer, r.id(), directory.amendments(r.id())),
                r.shielded()));
    }

    /** The record, when it is live and of the viewer's authority; a refusal (another authority's) is audited. */
    private Optional<ChildRecord> ownRecord(Viewer viewer, ContactPointId id) {
        Optional<ChildRecord> record = directory.find(id);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        ChildRecord r = record.get();
        if (!r.responsibleLa().code().value().equals(viewer.localAuthority())) {
            audit.record(viewer, AuditAction.RECORD_VIEW, List.of(r.id()), AMEND_REASON, AuditOutcome.REFUSED,
                    "manual correction refused: another authority's record");
            return Optional.empty();
        }
        // only live records are corrected: the LA's team also sees its suppressed old identities (ADR 28)
        return r.status() == uk.contactpoint.directory.RecordStatus.LIVE && policy.apply(r, viewer).isPresent() ? record : Optional.empty();
    }

    /**
     * Corrects names, date of birth, sex and address of a record of the viewer's authority, with a reason. Each
     * changed value is kept in the history with its old value; the new values' source is {@value #SOURCE}.
     *
     * @return the changed fields, or the problems (nothing changed); empty when there is no such record the
     *     viewer may correct
     */
    @Transactional
    public Optional<Correction> amend(Viewer viewer, ContactPointId id, ManualChild values, int basedOnVersion, String reason) {
        require(viewer);
        Optional<ChildRecord> record = ownRecord(viewer, id);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        ChildRecord r = record.get();
        Map<String, String> problems = new LinkedHashMap<>(values.problems(today(), false));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            problems.put("reason", "Say why you are correcting the record (for example, 'birth certificate seen')");
        } else if (why.length() > MAX_REASON) {
            problems.put("reason", "The reason must be " + MAX_REASON + " characters or fewer");
        }
        if (!problems.isEmpty()) {
            return Optional.of(new NotCorrected(problems));
        }
        Address address = values.hasAddress()
                ? new Address(values.addressLine1(), values.addressLine2(), values.town(), values.postcodeValue()) : null;
        // An address given makes the whereabouts an address (the current one, unless it was the last known one);
        // an address removed leaves "no address known". A child who left England keeps that state with no address.
        Whereabouts whereabouts = address != null
                ? (r.whereabouts().hasAddress() ? r.whereabouts() : Whereabouts.CURRENT_ADDRESS)
                : (r.whereabouts().hasAddress() ? Whereabouts.NO_ADDRESS_KNOWN : r.whereabouts());
        ChildCorrection correction = new ChildCorrection(
                new PersonName(values.givenName(), values.middleNames(), values.familyName()), values.dateOfBirth(),
                values.gender(), whereabouts, address, basedOnVersion);
        List<String> changed;
        try {
            // a shielded child's address is sealed: the correction is compared with it opened (ADR 26)
            Address current = r.sealedAddress() == null ? null : fields.openAddress(viewer, r, "correction");
            changed = r.sealedAddress() == null
                    ? directory.correct(r.id(), correction, SOURCE, today(), viewer.username(), why, clock.instant())
                    : directory.correct(r.id(), correction, current, SOURCE, today(), viewer.username(), why, clock.instant());
        } catch (RecordChangedException e) {
            return Optional.of(new NotCorrected(Map.of("reason",
                    "Someone else changed this record after you opened it: nothing was saved. Open it again and make your correction.")));
        }
        if (changed.isEmpty()) {
            return Optional.of(new NotCorrected(Map.of("givenName", "You have not changed anything")));
        }
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(r.id()), why, AuditOutcome.CHANGED,
                "manual correction: " + String.join(",", changed) + "; source=" + SOURCE + ";shielded=" + r.shielded());
        return Optional.of(new Corrected(changed));
    }

    /** The name of the viewer's authority, for the pages. */
    public String authorityName(Viewer viewer) {
        return authorities.find(new LocalAuthorityCode(viewer.localAuthority())).map(LocalAuthority::name)
                .orElse(viewer.localAuthority());
    }
}
