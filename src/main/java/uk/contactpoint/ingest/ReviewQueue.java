package uk.contactpoint.ingest;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Upn;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosurePolicy;

/**
 * The LA data managers' review queue (ADR 15): the feed rows ingestion held back as possible matches
 * ({@code ingest_review}), each shown beside its candidate record, and the decision a person takes on it:
 * <b>link</b> (the row is this child: its identifiers are recorded on the child), <b>keep apart</b> (a
 * different child: a new record is made from the row) or <b>reject</b> (no child we hold; nothing is made).
 *
 * <p>Who sees what: an LA data manager sees the rows whose candidate is their authority's child, and the rows
 * without a candidate whose postcode lies in their authority; a national administrator sees all. The candidate
 * is shown through the disclosure policy (a shielded record shows only its identity fields to anyone outside
 * its authority's team, and its hidden fields are not compared either). Decisions about a shielded or
 * new-identity record are for its authority's team only. Every view and every decision is audited in the
 * transaction that reads or changes; every decision is kept in {@link ReviewDecisions} for later runs.
 */
@Service
public class ReviewQueue {

    public static final int PAGE_SIZE = 25;
    /** {@code local_authority} of a row whose postcode gives no authority: only national administrators see it. */
    static final String NO_AUTHORITY = "NONE";

    public enum Decision { LINK, KEEP_APART, REJECT }

    /** How a row's value compares with the record's. */
    public enum Agreement { AGREE, DIFFER, MISSING, RESTRICTED }

    /** One open row in the list: no personal data. */
    public record QueueItem(long id, String source, long rowNo, String reason, Double probability, Instant received,
                            boolean hasCandidate) {
    }

    /** A page of the open rows a viewer may decide, oldest first, and the counts by reason of all of them. */
    public record QueuePage(List<QueueItem> items, Map<String, Long> byReason, long total, int page, int pages) {
    }

    /** A labelled value of the feed row. */
    public record RowField(String label, String value) {
    }

    /** One field of the row beside the record's. A value the viewer may not see is null. */
    public record Comparison(String field, String rowValue, String recordValue, Agreement agreement) {
    }

    /**
     * A review row as a viewer may see it. {@code candidate} is the candidate record through the disclosure
     * policy (null when there is none, or none the viewer may see: {@code candidateUnavailable}).
     */
    public record ReviewItem(long id, String source, long rowNo, String reason, Double probability, Double weight,
                             String status, Instant received, List<RowField> row, DisclosedChild candidate,
                             boolean candidateUnavailable, boolean candidateShielded, List<Comparison> comparison,
                             boolean mayDecide, String whyNot, String decidedBy, Instant decidedAt, String note,
                             ContactPointId decidedChild) {
    }

    /** What a decision did, for the page to say. */
    public record Decided(Decision decision, ContactPointId child, boolean remembered) {
    }

    /** Refused: the viewer may not take this decision. */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    /** No such open row the viewer may see: pages answer 404, so that another LA's rows are not confirmed. */
    public static final class NotFound extends RuntimeException {
        NotFound() {
            super("There is no such review item");
        }
    }

    private final JdbcClient jdbc;
    private final Directory directory;
    private final DisclosurePolicy policy;
    private final AuditLog audit;
    private final ReviewDecisions decisions;
    private final Clock clock;
    private final PostcodeDistricts districts = PostcodeDistricts.load();
    private final SecureRandom random = new SecureRandom();

    private final uk.contactpoint.safeguards.ProtectedFields fields;

    ReviewQueue(JdbcClient jdbc, Directory directory, DisclosurePolicy policy, AuditLog audit, ReviewDecisions decisions,
                Clock clock, uk.contactpoint.safeguards.ProtectedFields fields) {
        this.fields = fields;
        this.jdbc = jdbc;
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** Whether the viewer works the review queue: an LA data manager (of an authority) or a national administrator. */
    public static boolean reviews(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN) || viewer.has(Role.LA_DATA_MANAGER) && viewer.localAuthority() != null;
    }

    private static void requireReviewer(Viewer viewer) {
        if (!reviews(viewer)) {
            throw new NotAllowed("Only LA data managers and national administrators work the review queue");
        }
    }

    /** The open rows the viewer may decide, oldest first, {@link #PAGE_SIZE} a page (pages count from 1). */
    @Transactional
    public QueuePage open(Viewer viewer, int page) {
        requireReviewer(viewer);
        assignAuthorities();
        boolean all = viewer.has(Role.NATIONAL_ADMIN);
        String scope = all ? "" : " AND (c.responsible_la = :la OR (r.candidate_child_id IS NULL AND r.local_authority = :la))";
        String where = " WHERE r.status = 'OPEN'" + scope;
        String from = " FROM ingest_review r LEFT JOIN child c ON c.id = r.candidate_child_id" + where;
        Map<String, Long> byReason = new LinkedHashMap<>();
        var counts = jdbc.sql("SELECT r.reason, COUNT(*)" + from + " GROUP BY r.reason ORDER BY r.reason");
        if (!all) {
            counts = counts.param("la", viewer.localAuthority());
        }
        counts.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> byReason.put(e.getKey(), e.getValue()));
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(1, page), pages);
        var list = jdbc.sql("SELECT r.id, r.source, r.row_no, r.reason, r.probability, b.started_at, r.candidate_child_id"
                + " FROM ingest_review r JOIN ingest_batch b ON b.id = r.batch_id LEFT JOIN child c ON c.id = r.candidate_child_id" + where
                + " ORDER BY r.id OFFSET " + (long) (p - 1) * PAGE_SIZE + " ROWS FETCH FIRST " + PAGE_SIZE + " ROWS ONLY");
        if (!all) {
            list = list.param("la", viewer.localAuthority());
        }
        List<QueueItem> items = list.query((rs, n) -> new QueueItem(rs.getLong(1), rs.getString(2), rs.getLong(3),
                rs.getString(4), rs.getObject(5, Double.class), rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getObject(7) != null)).list();
        audit.record(viewer, AuditAction.OVERSIGHT, List.of(), null, AuditOutcome.SUCCESS,
                "review queue listed: page " + p + ", " + items.size() + " of " + total);
        return new QueuePage(items, byReason, total, p, pages);
    }

    /**
     * Places the open rows without a candidate under the authority of their postcode district (as listing the queue
     * does), so that counts per authority, such as the data-quality report's, include them.
     */
    @Transactional
    public void placeByAuthority() {
        assignAuthorities();
    }

    /**
     * Rows without a candidate are scoped by the authority of their postcode district, worked out once here
     * (ingestion does not record it); rows with a candidate follow the candidate's authority as it is now.
     */
    private void assignAuthorities() {
        List<Map.Entry<Long, String>> rows = jdbc.sql("""
                        SELECT id, payload FROM ingest_review
                        WHERE status = 'OPEN' AND candidate_child_id IS NULL AND local_authority IS NULL""")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        for (Map.Entry<Long, String> row : rows) {
            jdbc.sql("UPDATE ingest_review SET local_authority = :la WHERE id = :id")
                    .param("la", rowAuthority(parse(row.getValue())).map(LocalAuthorityCode::value).orElse(NO_AUTHORITY))
                    .param("id", row.getKey()).update();
        }
    }

    /** One review row beside its candidate; the view is audited. Empty when there is none the viewer may see. */
    @Transactional
    public Optional<ReviewItem> item(Viewer viewer, long id) {
        requireReviewer(viewer);
        Optional<Row> found = row(id, false);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row stored = found.get();
        Optional<ChildRecord> candidate = stored.candidateId == null ? Optional.empty() : directory.find(stored.candidateId);
        if (!inScope(viewer, stored, candidate)) {
            return Optional.empty();
        }
        Row row = opened(viewer, stored);
        Optional<DisclosedChild> disclosed = candidate.flatMap(c -> policy.apply(c, viewer));
        String whyNot = whyNot(viewer, row, candidate);
        ContactPointId decidedChild = row.decidedChildId == null ? null
                : directory.find(row.decidedChildId).map(ChildRecord::contactPointId).orElse(null);
        ReviewItem item = new ReviewItem(row.id, row.source, row.rowNo, row.reason, row.probability, row.weight,
                row.status, row.received, rowFields(row.payload, viewer), disclosed.orElse(null),
                candidate.isPresent() && disclosed.isEmpty(), candidate.map(ChildRecord::shielded).orElse(false),
                disclosed.map(d -> compare(row.payload, d, candidate.get(), viewer)).orElse(List.of()),
                whyNot == null, whyNot, row.decidedBy, row.decidedAt, row.note, decidedChild);
        audit.record(viewer, AuditAction.RECORD_VIEW, candidate.map(c -> List.of(c.id())).orElse(List.of()),
                "matching review", disclosed.isPresent() || candidate.isEmpty() ? AuditOutcome.DISCLOSED : AuditOutcome.NOTHING_DISCLOSED,
                "review=" + row.id + (disclosed.map(DisclosedChild::restricted).orElse(false) ? ";restricted" : ""));
        return Optional.of(item);
    }

    /**
     * Decides an open row.
     *
     * @param note why (optional): about the matching decision, never about the child or family
     * @throws NotFound             when there is no open row the viewer may see
     * @throws NotAllowed           when the decision is not the viewer's to take
     * @throws IllegalArgumentException when the decision cannot be applied, with the reason; nothing is changed
     */
    @Transactional
    public Decided decide(Viewer viewer, long id, Decision decision, String note) {
        requireReviewer(viewer);
        if (decision == null) {
            throw new IllegalArgumentException("Choose link, keep apart or reject");
        }
        String why = note == null || note.isBlank() ? null : note.strip();
        if (why != null && why.length() > 500) {
            throw new IllegalArgumentException("Keep the note to 500 characters");
        }
        Row stored = row(id, true).orElseThrow(NotFound::new);
        Optional<ChildRecord> candidate = stored.candidateId == null ? Optional.empty() : directory.find(stored.candidateId);
        if (!inScope(viewer, stored, candidate)) {
            throw new NotFound();
        }
        if (!"OPEN".equals(stored.status)) {
            throw new IllegalArgumentException("This row was decided already, by " + stored.decidedBy);
        }
        String whyNot = whyNot(viewer, stored, candidate);
        if (whyNot != null) {
            throw new NotAllowed(whyNot);
        }
        Row row = opened(viewer, stored);
        Map<String, String> payload = parse(row.payload);
        List<SourceIdentifier> identifiers = identifiers(payload, row.source, LocalDate.now(clock));
        String rowKey = rowKey(row);
        Instant now = clock.instant();
        List<Long> touched = new ArrayList<>();
        candidate.ifPresent(c -> touched.add(c.id()));
        Long decidedChild = null;
        switch (decision) {
            case LINK -> {
                ChildRecord child = candidate.orElseThrow(() -> new IllegalArgumentException(
                        "This row has no candidate record to link it to: keep it apart (a new record) or reject it"));
                if (child.status() != RecordStatus.LIVE) {
                    throw new IllegalArgumentException("The candidate record is no longer live (merged, archived or "
                            + "suppressed): keep the row apart or reject it");
                }
                link(child, identifiers);
                proposeTransfer(child, payload.get("address_line1"), payload.get("postcode"), row.source, viewer.username());
                decidedChild = child.id();
                if (rowKey != null) {
                    decisions.record(rowKey, child.id(), ReviewDecisions.Kind.LINK, viewer.username(), now, why, row.id);
                }
            }
            case KEEP_APART -> {
                decidedChild = create(viewer, row, payload, identifiers);
                touched.add(decidedChild);
                if (rowKey != null) {
                    if (row.candidateId != null) {
                        decisions.record(rowKey, row.candidateId, ReviewDecisions.Kind.KEEP_APART, viewer.username(), now, why, row.id);
                    }
                    decisions.record(rowKey, decidedChild, ReviewDecisions.Kind.LINK, viewer.username(), now, why, row.id);
                }
            }
            case REJECT -> {
                if (rowKey != null && row.candidateId != null) {
                    decisions.record(rowKey, row.candidateId, ReviewDecisions.Kind.KEEP_APART, viewer.username(), now, why, row.id);
                }
            }
        }
        int updated = jdbc.sql("""
                        UPDATE ingest_review SET status = :status, decided_child_id = :child, decided_by = :by,
                            decided_at = :at, note = :note
                        WHERE id = :id AND status = 'OPEN'""")
                .param("status", status(decision)).param("child", decidedChild, java.sql.Types.BIGINT)
                .param("by", viewer.username()).param("at", Timestamp.from(now)).param("note", why).param("id", row.id)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Review row " + row.id + " changed while it was being decided");
        }
        audit.record(viewer, AuditAction.RECORD_CHANGE, touched, why, AuditOutcome.CHANGED,
                "review=" + row.id + ";decision=" + decision.name());
        ContactPointId child = decidedChild == null ? null : directory.find(decidedChild).orElseThrow().contactPointId();
        return new Decided(decision, child, rowKey != null);
    }

    static String status(Decision decision) {
        return switch (decision) {
            case LINK -> "LINKED";
            case KEEP_APART -> "KEPT_APART";
            case REJECT -> "REJECTED";
        };
    }

    /**
     * A row linked by hand whose UK postcode lies in another authority's area proposes the move to it, as an
     * automatically linked row does (ADR 42); a birth registration's address is years old and proposes nothing.
     */
    private void proposeTransfer(ChildRecord child, String line1, String postcode, String source, String by) {
        if (postcode == null || postcode.isBlank() || "GRO".equals(source)) {
            return;
        }
        uk.contactpoint.directory.Postcode pc;
        try {
            pc = new uk.contactpoint.directory.Postcode(postcode);
        } catch (uk.contactpoint.directory.InvalidValueException e) {
            return;
        }
        // an address on the exclusion register (a refuge) is never used (ADR 22)
        Optional<uk.contactpoint.directory.AddressKey> key = uk.contactpoint.directory.AddressKey.of(line1, pc.value());
        if (key.isPresent() && directory.addressExclusions(java.util.Set.of(pc.value())).stream()
                .anyMatch(e -> e.covers(key.get()))) {
            return;
        }
        directory.authorityOfPostcode(pc).filter(la -> !la.equals(child.responsibleLa().code()))
                .ifPresent(la -> directory.proposeTransfers(List.of(new uk.contactpoint.directory.TransferProposed(child.id(),
                        child.responsibleLa().code(), la, source, by, null))));
    }

    private void link(ChildRecord child, List<SourceIdentifier> identifiers) {
        for (SourceIdentifier id : identifiers) {
            Optional<Long> holder = directory.childWithIdentifier(id.scheme(), id.allocatingBody(), id.value());
            if (holder.isPresent() && holder.get() != child.id()) {
                throw new IllegalArgumentException("The row's " + label(id.scheme()) + " is on another record. If both "
                        + "records are this child, merge them first; otherwise reject the row and ask the supplier to check it.");
            }
            if (id.scheme() != SourceIdentifier.Scheme.SUPPLIER_RECORD && child.identifiers().stream()
                    .anyMatch(h -> h.scheme() == id.scheme() && !h.value().equals(id.value()))) {
                throw new IllegalArgumentException("The record has a different " + label(id.scheme()) + " from the row's, "
                        + "so they are two children or one number is wrong: keep the row apart or reject it.");
            }
        }
        boolean added = false;
        for (SourceIdentifier id : identifiers) {
            added |= directory.addIdentifier(child.id(), id);
        }
        if (added) {
            directory.reindex(List.of(child.id()));
        }
    }

    private long create(Viewer viewer, Row row, Map<String, String> payload, List<SourceIdentifier> identifiers) {
        String forename = payload.get("forename");
        String surname = payload.get("surname");
        if (forename == null || surname == null) {
            throw new IllegalArgumentException("The row has no " + (forename == null ? "given" : "family") + " name, so no "
                    + "record can be made from it: reject it and ask the supplier to correct it");
        }
        for (SourceIdentifier id : identifiers) {
            if (directory.childWithIdentifier(id.scheme(), id.allocatingBody(), id.value()).isPresent()) {
                throw new IllegalArgumentException("The row's " + label(id.scheme()) + " is already on another record, so a "
                        + "new record cannot hold it: link the row to that record, or reject it and ask the supplier to check it.");
            }
        }
        LocalDate dob;
        try {
            dob = LocalDate.parse(payload.getOrDefault("date_of_birth", ""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The row has no valid date of birth: reject it");
        }
        Postcode postcode = postcode(payload).orElse(null);
        LocalAuthorityCode la = rowAuthority(payload).orElseGet(() -> {
            if (viewer.localAuthority() == null) {
                throw new IllegalArgumentException("The row's postcode gives no local authority: an LA data manager "
                        + "must decide it, and the new record will be their authority's");
            }
            return new LocalAuthorityCode(viewer.localAuthority());
        });
        String line1 = payload.get("address_line1");
        boolean hasAddress = line1 != null || postcode != null;
        Address address = hasAddress ? new Address(line1, payload.get("address_line2"), payload.get("town"), postcode) : null;
        Gender gender = switch (payload.getOrDefault("sex", "UNKNOWN")) {
            case "MALE" -> Gender.MALE;
            case "FEMALE" -> Gender.FEMALE;
            default -> Gender.NOT_SPECIFIED;
        };
        LocalDate today = LocalDate.now(clock);
        NewChild child = new NewChild(newContactPointId(), new PersonName(forename, payload.get("middle_names"), surname),
                List.of(), dob, gender, hasAddress ? Whereabouts.CURRENT_ADDRESS : Whereabouts.NO_ADDRESS_KNOWN, address,
                null, EducationStatus.UNKNOWN, la, false, List.of(), List.of(), List.of(),
                identifiers,
                row.source, today);
        return directory.add(List.of(child)).get(0);
    }

    private ContactPointId newContactPointId() {
        while (true) {
            ContactPointId id = ContactPointId.generate(random);
            if (directory.find(id).isEmpty()) {
                return id;
            }
        }
    }

    /**
     * Why the viewer may not decide this row, or null when they may: rows about a shielded or new-identity
     * record are for the record's authority's team only (DOMAIN.md section 5).
     */
    private static String whyNot(Viewer viewer, Row row, Optional<ChildRecord> candidate) {
        if (!"OPEN".equals(row.status)) {
            return "This row has been decided";
        }
        if (candidate.isPresent() && (candidate.get().shielded() || candidate.get().status() == RecordStatus.SUPPRESSED)
                && !viewer.onManagementTeamOf(candidate.get().responsibleLa().code().value())) {
            return "Decisions about a shielded or new-identity record are for its local authority's team";
        }
        return null;
    }

    private boolean inScope(Viewer viewer, Row row, Optional<ChildRecord> candidate) {
        if (viewer.has(Role.NATIONAL_ADMIN)) {
            return true;
        }
        if (!viewer.has(Role.LA_DATA_MANAGER) || viewer.localAuthority() == null) {
            return false;
        }
        if (candidate.isPresent()) {
            return viewer.localAuthority().equals(candidate.get().responsibleLa().code().value());
        }
        return rowAuthority(parse(row.payload)).map(la -> la.value().equals(viewer.localAuthority())).orElse(false);
    }

    private Optional<LocalAuthorityCode> rowAuthority(Map<String, String> payload) {
        return postcode(payload).flatMap(p -> districts.authority(p.district()));
    }

    private static Optional<Postcode> postcode(Map<String, String> payload) {
        String value = payload.get("postcode");
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Postcode(value));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** The row's key for {@link ReviewDecisions}: as ingestion recorded it, or for older rows worked out the same way. */
    static String rowKey(Row row) {
        if (row.rowKey != null) {
            return row.rowKey;
        }
        FeedSource source = source(row.source);
        // A child benefit claim id is the family's, not the child's: it cannot stand for one row.
        if (source == null || source == FeedSource.CHILD_BENEFIT) {
            return null;
        }
        String id = parse(row.payload).get(source.identifierColumn());
        return id == null ? null : row.source + ":" + id;
    }

    private static FeedSource source(String dataSource) {
        for (FeedSource s : FeedSource.values()) {
            if (FeedIngestion.dataSource(s).equals(dataSource)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The identifiers the row carries, as ingestion would record them (see {@code FeedIngestion.identifiers}):
     * supplied by the row's source, as of the day of the decision.
     */
    static List<SourceIdentifier> identifiers(Map<String, String> payload, String dataSource, LocalDate today) {
        List<SourceIdentifier> out = new ArrayList<>(2);
        String nhs = payload.get("nhs_number");
        String upn = payload.get("upn");
        try {
            if (nhs != null) {
                out.add(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, new NhsNumber(nhs).value(), dataSource, today));
            }
            if (upn != null) {
                out.add(new SourceIdentifier(SourceIdentifier.Scheme.UPN, SourceIdentifier.DFE, new Upn(upn).value(), dataSource, today));
            }
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("The row's " + e.getMessage());
        }
        FeedSource source = source(dataSource);
        if (out.isEmpty() && source != null && source != FeedSource.CHILD_BENEFIT && payload.get(source.identifierColumn()) != null) {
            out.add(new SourceIdentifier(SourceIdentifier.Scheme.SUPPLIER_RECORD, dataSource,
                    payload.get(source.identifierColumn()), dataSource, today));
        }
        return out;
    }

    /** The payload's {@code field=value;} pairs, in order. */
    static Map<String, String> parse(String payload) {
        Map<String, String> out = new LinkedHashMap<>();
        if (payload == null) {
            return out;
        }
        for (String pair : payload.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1) {
                out.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("forename", "Given name"), Map.entry("middle_names", "Middle names"),
            Map.entry("surname", "Family name"), Map.entry("former_surname", "Former family name"),
            Map.entry("date_of_birth", "Date of birth"), Map.entry("sex", "Sex"),
            Map.entry("address_line1", "Address line 1"), Map.entry("address_line2", "Address line 2"),
            Map.entry("town", "Town"), Map.entry("postcode", "Postcode"), Map.entry("nhs_number", "NHS number"),
            Map.entry("upn", "Unique Pupil Number"), Map.entry("registration_id", "Birth registration id"),
            Map.entry("claim_id", "Child benefit claim id"), Map.entry("record_id", "LA record id"));

    /** Identifiers show only to users of the body that allocated them, as on a record. */
    private List<RowField> rowFields(String payload, Viewer viewer) {
        List<RowField> out = new ArrayList<>();
        parse(payload).forEach((field, value) -> {
            String body = allocatingBody(field);
            boolean visible = body == null || viewer.allocatingBodies().contains(body);
            out.add(new RowField(LABELS.getOrDefault(field, field), visible ? value : null));
        });
        return out;
    }

    private static String allocatingBody(String field) {
        return switch (field) {
            case "nhs_number" -> SourceIdentifier.NHS;
            case "upn" -> SourceIdentifier.DFE;
            case "registration_id" -> "GRO";
            case "claim_id" -> "CHILD_BENEFIT";
            case "record_id" -> "LA";
            default -> null;
        };
    }

    /**
     * The row field by field beside the record as the viewer may see it. A field the policy hides (a shielded
     * record seen from outside its authority's team) is not compared at all: "agree" on a hidden postcode would
     * tell where the child lives. Identifiers are compared on the stored record, but their values show only to
     * users of the allocating body.
     */
    private List<Comparison> compare(String payload, DisclosedChild seen, ChildRecord stored, Viewer viewer) {
        Map<String, String> row = parse(payload);
        List<Comparison> out = new ArrayList<>();
        out.add(text("Given name", row.get("forename"), seen.name().given()));
        out.add(text("Family name", row.get("surname"), seen.name().family()));
        out.add(text("Date of birth", row.get("date_of_birth"), seen.dateOfBirth() == null ? null : seen.dateOfBirth().toString()));
        String sex = row.get("sex");
        out.add(text("Sex", sex == null || sex.equals("UNKNOWN") ? null : sex,
                seen.gender() == null || seen.gender() == Gender.NOT_SPECIFIED ? null : seen.gender().name()));
        if (seen.restricted()) {
            for (String field : List.of("Address line 1", "Town", "Postcode", "NHS number", "Unique Pupil Number")) {
                out.add(new Comparison(field, null, null, Agreement.RESTRICTED));
            }
            return out;
        }
        Address a = seen.address();
        out.add(text("Address line 1", row.get("address_line1"), a == null ? null : a.line1()));
        out.add(text("Town", row.get("town"), a == null ? null : a.town()));
        out.add(text("Postcode", postcode(row).map(Postcode::value).orElse(row.get("postcode")),
                a == null || a.postcode() == null ? null : a.postcode().value()));
        out.add(identifier("NHS number", row.get("nhs_number"), stored, SourceIdentifier.Scheme.NHS_NUMBER, viewer));
        out.add(identifier("Unique Pupil Number", row.get("upn"), stored, SourceIdentifier.Scheme.UPN, viewer));
        return out;
    }

    private static Comparison text(String field, String row, String record) {
        if (row == null || row.isBlank() || record == null || record.isBlank()) {
            return new Comparison(field, row, record, Agreement.MISSING);
        }
        boolean same = normal(row).equals(normal(record));
        return new Comparison(field, row, record, same ? Agreement.AGREE : Agreement.DIFFER);
    }

    private static Comparison identifier(String field, String row, ChildRecord stored, SourceIdentifier.Scheme scheme,
                                         Viewer viewer) {
        List<String> held = stored.identifiers().stream().filter(i -> i.scheme() == scheme).map(SourceIdentifier::value).toList();
        String body = scheme == SourceIdentifier.Scheme.NHS_NUMBER ? SourceIdentifier.NHS : SourceIdentifier.DFE;
        boolean visible = viewer.allocatingBodies().contains(body);
        String record = held.isEmpty() ? null : String.join(", ", held);
        Agreement agreement = row == null || held.isEmpty() ? Agreement.MISSING
                : held.contains(row.replace(" ", "")) ? Agreement.AGREE : Agreement.DIFFER;
        return new Comparison(field, visible ? row : null, visible ? record : null, agreement);
    }

    private static String normal(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String label(SourceIdentifier.Scheme scheme) {
        return switch (scheme) {
            case NHS_NUMBER -> "NHS number";
            case UPN -> "Unique Pupil Number";
            case SUPPLIER_RECORD -> "supplier record id";
        };
    }

    /**
     * The row with its payload opened when it is sealed (its child is shielded, ADR 26), audited; the viewer is in
     * scope already.
     */
    private Row opened(Viewer viewer, Row row) {
        if (!uk.contactpoint.directory.SealedValue.sealedPayload(row.payload)) {
            return row;
        }
        List<Long> children = java.util.stream.Stream.of(row.candidateId, row.decidedChildId)
                .filter(java.util.Objects::nonNull).distinct().toList();
        return new Row(row.id, row.source, row.rowNo, row.candidateId, row.probability, row.weight, row.reason, row.status,
                fields.openReviewRow(viewer, row.id, children, row.payload), row.rowKey, row.received, row.decidedBy,
                row.decidedAt, row.note, row.decidedChildId);
    }

    /** A review row as stored. */
    record Row(long id, String source, long rowNo, Long candidateId, Double probability, Double weight, String reason,
               String status, String payload, String rowKey, Instant received, String decidedBy, Instant decidedAt,
               String note, Long decidedChildId) {
    }

    private Optional<Row> row(long id, boolean lock) {
        if (lock && jdbc.sql("SELECT id FROM ingest_review WHERE id = :id FOR UPDATE").param("id", id)
                .query(Long.class).optional().isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT r.id, r.source, r.row_no, r.candidate_child_id, r.probability, r.weight, r.reason, r.status,
                               r.payload, r.row_key, b.started_at, r.decided_by, r.decided_at, r.note, r.decided_child_id
                        FROM ingest_review r JOIN ingest_batch b ON b.id = r.batch_id WHERE r.id = :id""")
                .param("id", id)
                .query((rs, n) -> {
                    OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
                    return new Row(rs.getLong("id"), rs.getString("source"), rs.getLong("row_no"),
                            rs.getObject("candidate_child_id") == null ? null : rs.getLong("candidate_child_id"),
                            rs.getObject("probability", Double.class), rs.getObject("weight", Double.class),
                            rs.getString("reason"), rs.getString("status"), rs.getString("payload"), rs.getString("row_key"),
                            rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getString("decided_by"),
                            decidedAt == null ? null : decidedAt.toInstant(), rs.getString("note"),
                            rs.getObject("decided_child_id") == null ? null : rs.getLong("decided_child_id"));
                }).optional();
    }
}
