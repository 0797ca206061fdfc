package uk.contactpoint.ingest;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.ingest.FeedIngestion.Outcome;
import uk.contactpoint.ingest.FeedIngestion.Placements;
import uk.contactpoint.linkage.Conflict;
import uk.contactpoint.linkage.Decision;
import uk.contactpoint.linkage.LinkageModel;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.PreparedRecords;
import uk.contactpoint.linkage.ScoredPair;

/**
 * Decides and applies one chunk of good rows (ADR 13, ADR 18): the directory is read a few times per chunk, not
 * per row (candidates by blocking key, identifier holders, the candidates' matching fields), the chunk's rows
 * and candidates are standardised once and scored in memory, and the chunk's writes go in batches. Rows are
 * decided in file order, exactly as one at a time: a row sees the children that earlier rows of the same chunk
 * created (an in-memory index of their blocking keys) and the identifiers they recorded.
 *
 * <p>One instance per run; {@link #apply} runs inside the chunk's transaction.
 */
final class ChunkApplier {

    /** A reference to a child during a chunk: a directory id (positive) or a row of this chunk made a new child (negative). */
    private static long pending(int row) {
        return -(row + 1L);
    }

    private static int pendingRow(long ref) {
        return (int) (-ref - 1);
    }

    private final Directory directory;
    private final IngestBatches batches;
    private final ReviewDecisions decisions;
    private final PostcodeDistricts districts;
    private final FeedSource source;
    private final String code;
    private final long batchId;
    private final LinkageModel model;
    private final LocalDate today;
    private final Placements placements;
    private final uk.contactpoint.safeguards.ProtectedFields fields;
    private final double reviewProbability;
    private final double linkProbability;
    private final SecureRandom random = new SecureRandom();
    /** A second candidate this close (in bits) to the best makes the row ambiguous: twins, namesakes. */
    static final double AMBIGUITY_BITS = 6.0;
    /** How many candidates sharing only one blocking key a row is compared with, at most. */
    static final int WEAK_CANDIDATES = 5;
    /** Children this run has already given a row of its file (sources that list each child once). */
    private final Set<Long> claimedInRun = new HashSet<>();
    private Map<String, Long> schools;
    private Map<String, Long> practices;

    ChunkApplier(Directory directory, IngestBatches batches, ReviewDecisions decisions, PostcodeDistricts districts,
            FeedSource source, String code, long batchId, LinkageModel model, LocalDate today, Placements placements,
            uk.contactpoint.safeguards.ProtectedFields fields) {
        this.fields = fields;
        this.directory = directory;
        this.batches = batches;
        this.decisions = decisions;
        this.districts = districts;
        this.source = source;
        this.code = code;
        this.batchId = batchId;
        this.model = model;
        this.today = today;
        this.placements = placements;
        this.reviewProbability = model.settings().reviewProbability();
        this.linkProbability = model.settings().linkProbability();
    }

    /** A scored candidate of one row. */
    private record Scored(long ref, ScoredPair pair) {
    }

    /** What the chunk will write for a row that becomes a new child (and for the rows that link to it). */
    private static final class NewRecord {
        final int row;
        final List<SourceIdentifier> identifiers = new ArrayList<>(2);
        final Map<String, NewChild.NewSetting> settings = new LinkedHashMap<>();
        final List<Integer> linkedRows = new ArrayList<>();
        final List<NewChild.NewInvolvement> involvements = new ArrayList<>(1);
        NewChild child;

        NewRecord(int row) {
            this.row = row;
        }
    }

    /**
     * Blanks the postcode, first line and town of rows at an address on the exclusion register (ADR 22): a
     * refuge's address neither links a row to a child nor groups it with the others there. The child's record
     * still stores it (it is where the child lives); the directory blanks it in every matching projection.
     */
    private void withoutExcludedAddresses(List<LinkageRecord> incoming) {
        java.util.Set<uk.contactpoint.directory.AddressKey> excluded = directory.addressExclusions(incoming.stream()
                .map(r -> uk.contactpoint.directory.AddressKey.of(r.address(), r.postcode()))
                .flatMap(Optional::stream).map(uk.contactpoint.directory.AddressKey::postcode).collect(java.util.stream.Collectors.toSet()));
        blank(incoming, excluded);
    }

    /** Replaces the rows at an address one of these register entries covers by the same rows without address. */
    static void blank(List<LinkageRecord> incoming, java.util.Set<uk.contactpoint.directory.AddressKey> excluded) {
        if (excluded.isEmpty()) {
            return;
        }
        for (int i = 0; i < incoming.size(); i++) {
            LinkageRecord r = incoming.get(i);
            if (uk.contactpoint.directory.AddressKey.of(r.address(), r.postcode())
                    .filter(k -> excluded.stream().anyMatch(e -> e.covers(k))).isPresent()) {
                incoming.set(i, new LinkageRecord(r.id(), r.givenName(), r.familyName(), r.dateOfBirth(), r.sex(), null, null,
                        null, r.identifiers()));
            }
        }
    }

    /** Applies the good rows of one chunk, in order, and returns each row's outcome. */
    Outcome[] apply(List<FeedRecord> records) {
        int n = records.size();
        Outcome[] outcomes = new Outcome[n];
        if (n == 0) {
            return outcomes;
        }
        List<LinkageRecord> incoming = new ArrayList<>(n);
        List<List<SourceIdentifier>> identifiers = new ArrayList<>(n);
        List<SourceIdentifier> allIdentifiers = new ArrayList<>();
        for (FeedRecord r : records) {
            incoming.add(FeedIngestion.linkageRecord(r));
            List<SourceIdentifier> ids = FeedIngestion.identifiers(r, code, today);
            identifiers.add(ids);
            allIdentifiers.addAll(ids);
        }
        withoutExcludedAddresses(incoming);
        // A person's earlier decisions on these rows (link to a child, keep apart from children) stand: later
        // automatic runs never undo them.
        List<String> rowKeys = records.stream().map(FeedIngestion::rowKey).toList();
        List<String> decided = rowKeys.stream().filter(java.util.Objects::nonNull).toList();
        Map<String, Long> manualLinks = decided.isEmpty() ? Map.of() : decisions.linked(decided);
        Map<String, Set<Long>> keptApart = decided.isEmpty() ? Map.of() : decisions.keptApart(decided);
        PreparedRecords rows = model.prepare(incoming);
        long t0 = System.nanoTime();
        long[][] keys = new long[n][];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> keys[i] = model.blockingKeys(rows, i));

        // The directory, read once for the chunk: who holds the identifiers, which children share keys.
        long t1 = System.nanoTime();
        Map<String, Long> holders = new HashMap<>(directory.childrenWithIdentifiers(allIdentifiers));
        long[] distinctKeys = java.util.Arrays.stream(keys).flatMapToLong(java.util.Arrays::stream).distinct().toArray();
        long t2 = System.nanoTime();
        Map<Long, long[]> keyChildren = directory.childrenByKeys(distinctKeys, FeedIngestion.PER_KEY_CAP);
        List<List<Long>> dbCandidates = new ArrayList<>(n);
        Set<Long> wanted = new HashSet<>();
        for (int i = 0; i < n; i++) {
            List<Long> c = topCandidates(keys[i], keyChildren);
            for (SourceIdentifier id : identifiers.get(i)) {
                Long holder = holders.get(key(id));
                if (holder != null && !c.contains(holder)) {
                    c.add(holder);
                }
            }
            dbCandidates.add(c);
            wanted.addAll(c);
        }
        long t3 = System.nanoTime();
        // a shielded candidate's address is sealed (ADR 26): opened for this chunk's scores, and that audited, so a row
        // that may be a shielded child is compared on its address as on everything else and quarantined
        List<ChildForMatching> children = wanted.isEmpty() ? List.of()
                : fields.openForMatching(directory.forMatching(wanted), "feed " + code + " batch " + batchId);
        long t4 = System.nanoTime();
        Map<Long, Integer> indexOf = new HashMap<>(children.size() * 2);
        Map<Long, ChildForMatching> childOf = new HashMap<>(children.size() * 2);
        List<LinkageRecord> candidateRecords = new ArrayList<>(children.size());
        for (ChildForMatching c : children) {
            indexOf.put(c.id(), n + candidateRecords.size());
            childOf.put(c.id(), c);
            candidateRecords.add(FeedIngestion.linkageRecord(c));
        }
        PreparedRecords prepared = model.join(rows, model.prepare(candidateRecords));

        long t5 = System.nanoTime();
        // Decisions, row by row in file order.
        Map<Long, List<Integer>> pendingByKey = new HashMap<>();
        Map<Integer, NewRecord> created = new LinkedHashMap<>();
        // identifiers recorded on a child by an earlier row of this chunk: the prepared candidate does not have them
        Map<Long, Map<String, String>> addedIdentifiers = new HashMap<>();
        Set<Long> claimedInChunk = new HashSet<>();
        boolean oncePerChild = source != FeedSource.LA_SERVICES;
        long[] target = new long[n];
        List<Map.Entry<Long, SourceIdentifier>> newIdentifiers = new ArrayList<>();
        List<Directory.ChildSetting> newSettings = new ArrayList<>();
        List<Directory.ChildInvolvement> newInvolvements = new ArrayList<>();
        List<long[]> linkedToExisting = new ArrayList<>();
        List<long[]> linkedByHand = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FeedRecord record = records.get(i);
            Set<Long> refs = new LinkedHashSet<>();
            Long owner = null;
            for (SourceIdentifier id : identifiers.get(i)) {
                Long holder = holders.get(key(id));
                if (holder != null) {
                    owner = holder;
                    break;
                }
            }
            for (Long child : dbCandidates.get(i)) {
                ChildForMatching c = childOf.get(child);
                // a suppressed old identity (adoption, protection) is never offered as a match, nor a record
                // merged into another (its survivor is)
                if (c != null && (c.status() == RecordStatus.LIVE || c.status() == RecordStatus.ARCHIVED)) {
                    refs.add(child);
                }
            }
            for (long k : keys[i]) {
                List<Integer> rowsWithKey = pendingByKey.get(k);
                if (rowsWithKey != null && rowsWithKey.size() <= FeedIngestion.PER_KEY_CAP) {
                    for (int j : rowsWithKey) {
                        refs.add(pending(j));
                    }
                }
            }
            if (owner != null && owner < 0) {
                refs.add(owner);
            }
            String rowKey = rowKeys.get(i);
            Set<Long> notThisRow = rowKey == null ? null : keptApart.get(rowKey);
            if (notThisRow != null) {
                refs.removeAll(notThisRow);
            }
            Long manual = rowKey == null ? null : manualLinks.get(rowKey);
            if (manual != null && (owner == null || owner.equals(manual))) {
                // a person linked this row to this child: link it again, whatever the scores say
                target[i] = manual;
                for (SourceIdentifier id : identifiers.get(i)) {
                    if (holders.putIfAbsent(key(id), manual) == null) {
                        newIdentifiers.add(Map.entry(manual, id));
                    }
                }
                for (NewChild.NewSetting s : settings(record)) {
                    newSettings.add(new Directory.ChildSetting(manual, s, code, today));
                }
                involvement(record).ifPresent(v -> newInvolvements.add(new Directory.ChildInvolvement(manual, v, code, today)));
                linkedByHand.add(new long[] {i, manual});
                outcomes[i] = Outcome.LINKED;
                continue;
            }
            List<Scored> matches = new ArrayList<>(refs.size());
            for (long ref : refs) {
                boolean identified = owner != null && owner == ref;
                if (!identified && oncePerChild && (claimedInRun.contains(ref) || claimedInChunk.contains(ref))) {
                    // this file already gave that child a row: a second row is a twin or a namesake, not the child
                    continue;
                }
                if (sameSourceSaysOther(identifiers.get(i), ref, childOf, created, addedIdentifiers)) {
                    // the source itself holds another identifier of this kind for that child: another person
                    continue;
                }
                int index = ref < 0 ? pendingRow(ref) : indexOf.get(ref);
                matches.add(new Scored(ref, model.score(prepared, i, index)));
            }
            matches.sort((a, b) -> Double.compare(b.pair().weight(), a.pair().weight()));
            Scored best = matches.isEmpty() ? null : matches.get(0);
            boolean bestLinks = best != null && best.pair().decision() == Decision.LINK;
            boolean certain = bestLinks && owner != null && owner == best.ref();
            String holdBack = null;
            if (bestLinks && !certain) {
                Scored second = secondChild(matches);
                if (second != null && second.pair().probability() >= reviewProbability
                        && best.pair().weight() - second.pair().weight() < AMBIGUITY_BITS) {
                    holdBack = "AMBIGUOUS_MATCH";
                } else if (middleNamesDiffer(record.name().middleNames(), best.ref() > 0
                        ? childOf.get(best.ref()).middleNames() : records.get(pendingRow(best.ref())).name().middleNames())) {
                    holdBack = "MIDDLE_NAMES_DIFFER";
                }
            }

            // Shield safety first: a row that might be a shielded child is held for its authority unless it is
            // certainly that child (its identifier and a link-strength match).
            Outcome outcome = null;
            ChildForMatching holder = owner != null && owner > 0 ? childOf.get(owner) : null;
            if (holder != null && holder.status() == RecordStatus.SUPPRESSED) {
                // the identifier of an old identity: neither linked nor suggested, but held for its authority
                batches.quarantine(batchId, code, record.row(), holder.id(), holder.responsibleLa(), 1.0,
                        "IDENTIFIER_OF_SUPPRESSED_IDENTITY", fields.sealQuarantined(FeedIngestion.payload(record)));
                outcome = Outcome.QUARANTINED;
            }
            for (Scored m : matches) {
                if (outcome != null) {
                    break;
                }
                ChildForMatching c = m.ref() > 0 ? childOf.get(m.ref()) : null;
                if (c != null && c.shielded() && !certain
                        && (m.pair().probability() >= reviewProbability || owner != null && owner == c.id())) {
                    batches.quarantine(batchId, code, record.row(), c.id(), c.responsibleLa(), m.pair().probability(),
                            "MAY_BE_SHIELDED_CHILD", fields.sealQuarantined(FeedIngestion.payload(record)));
                    outcome = Outcome.QUARANTINED;
                    break;
                }
            }
            if (outcome == null && bestLinks && holdBack == null && (owner == null || owner == best.ref())) {
                target[i] = best.ref();
                claimedInChunk.add(best.ref());
                for (SourceIdentifier id : identifiers.get(i)) {
                    if (holders.putIfAbsent(key(id), best.ref()) == null) {
                        addedIdentifiers.computeIfAbsent(best.ref(), k -> new HashMap<>(2))
                                .putIfAbsent(kind(id), id.value());
                        if (best.ref() > 0) {
                            newIdentifiers.add(Map.entry(best.ref(), id));
                        } else {
                            created.get(pendingRow(best.ref())).identifiers.add(id);
                        }
                    }
                }
                for (NewChild.NewSetting s : settings(record)) {
                    if (best.ref() > 0) {
                        newSettings.add(new Directory.ChildSetting(best.ref(), s, code, today));
                    } else {
                        created.get(pendingRow(best.ref())).settings.putIfAbsent(s.kind() + ":" + s.organisationId(), s);
                    }
                }
                if (best.ref() > 0) {
                    conflicts(record, childOf.get(best.ref()));
                    linkedToExisting.add(new long[] {i, best.ref()});
                }
                Optional<NewChild.NewInvolvement> involvement = involvement(record);
                if (best.ref() < 0) {
                    created.get(pendingRow(best.ref())).linkedRows.add(i);
                    involvement.ifPresent(created.get(pendingRow(best.ref())).involvements::add);
                } else {
                    long child = best.ref();
                    involvement.ifPresent(v -> newInvolvements.add(new Directory.ChildInvolvement(child, v, code, today)));
                }
                outcome = Outcome.LINKED;
            }
            if (outcome == null && holdBack != null) {
                outcome = review(record, best.ref() > 0 ? best.ref() : null, best.pair(), holdBack);
            }
            if (outcome == null) {
                for (Scored m : matches) {
                    if (m.pair().decision() != Decision.NO_MATCH && (m.pair().conflict() == Conflict.NONE
                            || conflictWorthReview(m.pair(), record, m.ref(), childOf, records))) {
                        outcome = review(record, m.ref() > 0 ? m.ref() : null, m.pair(), "POSSIBLE_MATCH");
                        break;
                    }
                }
            }
            if (outcome == null && owner != null) {
                // Its identifier is on a child it does not match: a person must look (a reused or mistyped id).
                outcome = review(record, owner > 0 ? owner : null, null, "IDENTIFIER_ON_ANOTHER_CHILD");
            }
            if (outcome == null) {
                NewChild child = newChild(record, identifiers.get(i));
                if (child == null) {
                    outcome = review(record, null, null,
                            record.name().forename() == null ? "NO_FORENAME" : "NO_RESPONSIBLE_AUTHORITY");
                } else {
                    NewRecord made = new NewRecord(i);
                    made.child = child;
                    made.identifiers.addAll(identifiers.get(i));
                    for (NewChild.NewSetting s : settings(record)) {
                        made.settings.putIfAbsent(s.kind() + ":" + s.organisationId(), s);
                    }
                    involvement(record).ifPresent(made.involvements::add);
                    created.put(i, made);
                    for (SourceIdentifier id : identifiers.get(i)) {
                        holders.putIfAbsent(key(id), pending(i));
                    }
                    for (long k : keys[i]) {
                        pendingByKey.computeIfAbsent(k, x -> new ArrayList<>(2)).add(i);
                    }
                    target[i] = pending(i);
                    claimedInChunk.add(pending(i));
                    outcome = Outcome.CREATED;
                }
            }
            outcomes[i] = outcome;
        }

        long t6 = System.nanoTime();
        // Writes, in batches.
        List<NewRecord> made = new ArrayList<>(created.values());
        List<ContactPointId> ids = newContactPointIds(made.size());
        List<NewChild> newChildren = new ArrayList<>(made.size());
        for (int k = 0; k < made.size(); k++) {
            NewRecord m = made.get(k);
            NewChild c = m.child;
            newChildren.add(new NewChild(ids.get(k), c.name(), c.otherNames(), c.dateOfBirth(), c.gender(),
                    c.whereabouts(), c.address(), c.dateOfDeath(), c.educationStatus(), c.responsibleLa(), false,
                    List.of(), List.copyOf(m.settings.values()), m.involvements, m.identifiers, code, today));
        }
        // The directory publishes the new children and the search module indexes them in this transaction, from
        // the stored fields: one key function for every child, however it arrived.
        List<Long> childIds = newChildren.isEmpty() ? List.of() : directory.add(newChildren);
        long t7 = System.nanoTime();
        Map<Integer, Long> idOfRow = new HashMap<>();
        for (int k = 0; k < made.size(); k++) {
            idOfRow.put(made.get(k).row, childIds.get(k));
        }
        if (oncePerChild) {
            for (long ref : claimedInChunk) {
                claimedInRun.add(ref > 0 ? ref : idOfRow.get(pendingRow(ref)));
            }
        }
        directory.addIdentifiers(newIdentifiers);
        directory.addSettings(newSettings);
        directory.addInvolvements(newInvolvements);
        directory.updateIdentity(identityUpdates(records, linkedToExisting, childOf));
        List<long[]> linkedRows = new ArrayList<>(linkedToExisting);
        linkedRows.addAll(linkedByHand);
        directory.proposeTransfers(transferProposals(records, incoming, linkedRows, childOf));
        batches.flush();
        long t8 = System.nanoTime();
        time(t0, t1, t2, t3, t4, t5, t6, t7, t8);
        for (int i = 0; i < n; i++) {
            Long child = switch (outcomes[i]) {
                case LINKED, CREATED -> target[i] > 0 ? target[i] : idOfRow.get(pendingRow(target[i]));
                default -> null;
            };
            placements.placed(records.get(i).row(), outcomes[i], child);
        }
        return outcomes;
    }

    /** Where a run's time went, per phase (nanoseconds): for the operator's log and the benchmark. */
    static final String[] PHASES = {"standardise and key", "identifier holders", "candidates by key",
            "candidates' fields", "prepare candidates", "decide", "new children", "identifiers, settings, review"};
    private final long[] phaseNanos = new long[PHASES.length];

    private void time(long... marks) {
        for (int p = 0; p < PHASES.length; p++) {
            phaseNanos[p] += marks[p + 1] - marks[p];
        }
    }

    /** The time spent in each phase so far, for the log (phase name and seconds, comma-separated). */
    String phases() {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < PHASES.length; p++) {
            out.append(p == 0 ? "" : ", ").append(PHASES[p]).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.1f s", phaseNanos[p] / 1e9));
        }
        return out.toString();
    }

    /** The children sharing the most usable keys with a row, most shared first, then lowest id (at most 50). */
    private static List<Long> topCandidates(long[] keys, Map<Long, long[]> keyChildren) {
        Map<Long, Integer> shared = new HashMap<>();
        for (long k : keys) {
            long[] holders = keyChildren.get(k);
            if (holders != null) {
                for (long child : holders) {
                    shared.merge(child, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<Long, Integer>> ranked = new ArrayList<>(shared.entrySet());
        ranked.sort((a, b) -> a.getValue().equals(b.getValue()) ? Long.compare(a.getKey(), b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        List<Long> out = new ArrayList<>(Math.min(ranked.size(), FeedIngestion.CANDIDATE_LIMIT) + 1);
        for (int k = 0; k < ranked.size() && k < FeedIngestion.CANDIDATE_LIMIT; k++) {
            // A child sharing a single key (a common name, a postcode) is a weak candidate: a few are kept, so
            // that a child who moved and changed surname is still found, but not the hundreds a big directory has.
            if (ranked.get(k).getValue() < 2 && out.size() >= WEAK_CANDIDATES) {
                break;
            }
            out.add(ranked.get(k).getKey());
        }
        return out;
    }

    /**
     * Whether the row's own source has recorded, on this candidate, an identifier of a kind the row carries with
     * another value: the NHS, the DfE or a register gives one person one identifier, so the source is saying these
     * are two people (twins with different NHS numbers are two children, not a question for a person).
     */
    private boolean sameSourceSaysOther(List<SourceIdentifier> row, long ref, Map<Long, ChildForMatching> childOf,
            Map<Integer, NewRecord> created, Map<Long, Map<String, String>> added) {
        if (row.isEmpty()) {
            return false;
        }
        List<SourceIdentifier> held = ref > 0 ? childOf.get(ref).identifiers() : created.get(pendingRow(ref)).identifiers;
        for (SourceIdentifier mine : row) {
            for (SourceIdentifier theirs : held) {
                if (code.equals(theirs.source()) && kind(mine).equals(kind(theirs)) && !mine.value().equals(theirs.value())) {
                    return true;
                }
            }
        }
        return identifierConflict(row, added.get(ref));
    }

    /** The best-scoring candidate after the best that is another child, or null. */
    private static Scored secondChild(List<Scored> matches) {
        return matches.size() < 2 ? null : matches.get(1);
    }

    /** Whether the row carries an identifier of a kind this chunk has already recorded on the child, with another value. */
    private static boolean identifierConflict(List<SourceIdentifier> row, Map<String, String> added) {
        if (added == null) {
            return false;
        }
        for (SourceIdentifier id : row) {
            String other = added.get(kind(id));
            if (other != null && !other.equals(id.value())) {
                return true;
            }
        }
        return false;
    }

    private static String kind(SourceIdentifier id) {
        return id.scheme().name() + '|' + id.allocatingBody();
    }

    /**
     * Both records give middle names and none of them starts with the same letter as any of the other's: namesakes
     * and twins (Oliver Oliver Bass and Oliver Leon Bass) agree on everything the engine compares but these.
     */
    static boolean middleNamesDiffer(String a, String b) {
        if (a == null || b == null || a.isBlank() || b.isBlank()) {
            return false;
        }
        Set<Character> initials = new HashSet<>();
        for (String t : a.trim().split("[\\s-]+")) {
            if (!t.isEmpty()) {
                initials.add(Character.toUpperCase(t.charAt(0)));
            }
        }
        for (String t : b.trim().split("[\\s-]+")) {
            if (!t.isEmpty() && initials.contains(Character.toUpperCase(t.charAt(0)))) {
                return false;
            }
        }
        return true;
    }

    private static String key(SourceIdentifier id) {
        return Directory.identifierKey(id.scheme(), id.allocatingBody(), id.value());
    }

    /**
     * A pair the engine holds back for a conflict is a question for a person only when the rest of the
     * evidence is link-strength and the dates of birth are equal: a pre-adoption record (another NHS number,
     * the birth name) or twins. Household agreement alone (siblings: same surname and address, other dates of
     * birth) makes two people, not a review; a model fitted on a file with no true matches in it (the first
     * feed into an empty directory) rates such pairs highly.
     */
    private boolean conflictWorthReview(ScoredPair pair, FeedRecord record, long ref, Map<Long, ChildForMatching> childOf,
            List<FeedRecord> records) {
        LocalDate other = ref > 0 ? childOf.get(ref).dateOfBirth() : records.get(pendingRow(ref)).dateOfBirth();
        return pair.probability() >= linkProbability && record.dateOfBirth().equals(other);
    }

    private Outcome review(FeedRecord record, Long candidate, ScoredPair pair, String reason) {
        batches.review(batchId, code, record.row(), candidate, pair == null ? null : pair.probability(),
                pair == null ? null : pair.weight(), reason, FeedIngestion.payload(record), FeedIngestion.rowKey(record));
        return Outcome.REVIEW;
    }

    /** The child a row would make, or null when it cannot make one (no forename, no responsible authority). */
    private NewChild newChild(FeedRecord record, List<SourceIdentifier> identifiers) {
        FeedRecord.FeedAddress a = record.address();
        Postcode postcode = a != null && a.postcodeIsUk() && a.postcode() != null ? new Postcode(a.postcode()) : null;
        Optional<LocalAuthorityCode> la = districts.authority(postcode == null ? null : postcode.district());
        if (la.isEmpty()) {
            // no usable postcode: the authority of the child's school or GP practice, where the directory knows it
            la = settingAuthority(record);
        }
        if (record.name().forename() == null || la.isEmpty()) {
            return null;
        }
        boolean hasAddress = a != null && (a.line1() != null || postcode != null);
        Address address = hasAddress ? new Address(a.line1(), a.line2(), a.town(), postcode) : null;
        // the ContactPoint ID is allocated when the chunk is written, for all its new children at once
        return new NewChild(ContactPointId.generate(random),
                new PersonName(record.name().forename(), record.name().middleNames(), record.name().surname()),
                List.of(), record.dateOfBirth(), FeedIngestion.gender(record.sex()),
                hasAddress ? Whereabouts.CURRENT_ADDRESS : Whereabouts.NO_ADDRESS_KNOWN, address,
                record.dateOfDeath(), record.school() != null ? EducationStatus.AT_SCHOOL : EducationStatus.UNKNOWN,
                la.get(), false, List.of(), List.of(), List.of(), identifiers, code, today);
    }

    /**
     * The school (census) or GP practice (NHS) the row names, when the directory knows the organisation by that
     * code (loaded once per run).
     */
    private List<NewChild.NewSetting> settings(FeedRecord record) {
        List<NewChild.NewSetting> out = new ArrayList<>(1);
        if (record.school() != null && record.school().urn() != null) {
            if (schools == null) {
                schools = directory.organisationIds(OrganisationKind.EDUCATION_SETTING);
            }
            Long org = schools.get(record.school().urn());
            if (org != null) {
                out.add(new NewChild.NewSetting(Setting.Kind.EDUCATION, org,
                        record.school().entryDate() == null ? today : record.school().entryDate(), null));
            }
        }
        if (record.gp() != null && record.gp().practiceCode() != null) {
            if (practices == null) {
                practices = directory.organisationIds(OrganisationKind.GP_PRACTICE);
            }
            Long org = practices.get(record.gp().practiceCode());
            if (org != null) {
                out.add(new NewChild.NewSetting(Setting.Kind.PRIMARY_CARE, org,
                        record.gp().registrationDate() == null ? today : record.gp().registrationDate(), null));
            }
        }
        return out;
    }

    private Map<String, Long> services;
    private Map<String, Integer> precedence;

    /**
     * The identifying values (name, date of birth, sex) of linked children that this source may replace: its
     * declared precedence is equal to or stronger (lower) than that of the source the child's value came from.
     * A value entered by hand (LA_MANUAL, the strongest) is never replaced by a feed. Addresses are not
     * replaced: a birth registration's address is years old when it arrives after the NHS's (ADR 18).
     */
    private List<Directory.IdentityUpdate> identityUpdates(List<FeedRecord> records, List<long[]> linked,
            Map<Long, ChildForMatching> childOf) {
        if (linked.isEmpty()) {
            return List.of();
        }
        if (precedence == null) {
            precedence = directory.sourcePrecedence();
        }
        int mine = precedence.getOrDefault(code, Integer.MAX_VALUE);
        Map<Long, Map<String, String>> sources = directory.provenanceSources(
                linked.stream().map(l -> l[1]).distinct().toList());
        List<Directory.IdentityUpdate> out = new ArrayList<>();
        Set<Long> updated = new HashSet<>();
        for (long[] l : linked) {
            FeedRecord r = records.get((int) l[0]);
            ChildForMatching c = childOf.get(l[1]);
            Map<String, String> from = sources.getOrDefault(c.id(), Map.of());
            if (c.shielded() || !updated.add(c.id())) {
                continue;
            }
            PersonName name = null;
            if (r.name().forename() != null && r.name().surname() != null && mayReplace(mine, from.get("name"))
                    && (differs(r.name().forename(), c.givenName()) || differs(r.name().surname(), c.familyName())
                    || !java.util.Objects.equals(blankToNull(r.name().middleNames()), blankToNull(c.middleNames())))) {
                name = new PersonName(r.name().forename(), r.name().middleNames(), r.name().surname());
            }
            LocalDate dob = !r.dateOfBirth().equals(c.dateOfBirth()) && mayReplace(mine, from.get("date_of_birth"))
                    ? r.dateOfBirth() : null;
            uk.contactpoint.directory.Gender sex = FeedIngestion.gender(r.sex());
            uk.contactpoint.directory.Gender gender = sex != uk.contactpoint.directory.Gender.NOT_SPECIFIED
                    && sex != c.gender() && mayReplace(mine, from.get("gender")) ? sex : null;
            if (name != null || dob != null || gender != null) {
                out.add(new Directory.IdentityUpdate(c.id(), name, name == null ? null : c.givenName() + " "
                        + (c.middleNames() == null ? "" : c.middleNames() + " ") + c.familyName(), dob,
                        dob == null ? null : String.valueOf(c.dateOfBirth()), gender,
                        gender == null ? null : c.gender().name(), code, today));
            }
        }
        return out;
    }

    /**
     * The linked children whose row gives a current address in another authority's area than the one responsible for
     * them: each is proposed to that authority, never moved by the feed (ADR 42). A birth registration's address is
     * the mother's at the birth, years old by the time it arrives after the NHS's (ADR 18): it proposes nothing. Nor
     * does an address on the exclusion register (its row's linkage postcode was blanked): a refuge is never used.
     */
    private List<uk.contactpoint.directory.TransferProposed> transferProposals(List<FeedRecord> records,
            List<LinkageRecord> incoming, List<long[]> linked, Map<Long, ChildForMatching> childOf) {
        if (linked.isEmpty() || source == FeedSource.BIRTHS) {
            return List.of();
        }
        List<uk.contactpoint.directory.TransferProposed> out = new ArrayList<>();
        Set<Long> proposed = new HashSet<>();
        // a row a person linked to a child needs not have had that child among its candidates
        Map<Long, ChildForMatching> byHand = new HashMap<>();
        List<Long> missing = linked.stream().map(l -> l[1]).filter(id -> !childOf.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            directory.forMatching(missing).forEach(c -> byHand.put(c.id(), c));
        }
        for (long[] l : linked) {
            FeedRecord r = records.get((int) l[0]);
            ChildForMatching c = childOf.containsKey(l[1]) ? childOf.get(l[1]) : byHand.get(l[1]);
            FeedRecord.FeedAddress a = r.address();
            if (c == null || c.status() != RecordStatus.LIVE || c.responsibleLa() == null || a == null
                    || !a.postcodeIsUk() || a.postcode() == null || incoming.get((int) l[0]).postcode() == null) {
                continue;
            }
            Optional<LocalAuthorityCode> area = districts.authority(new Postcode(a.postcode()).district());
            if (area.isPresent() && !area.get().value().equals(c.responsibleLa()) && proposed.add(c.id())) {
                out.add(new uk.contactpoint.directory.TransferProposed(c.id(), new LocalAuthorityCode(c.responsibleLa()),
                        area.get(), code, null, batchId));
            }
        }
        return out;
    }

    private boolean mayReplace(int mine, String currentSource) {
        return currentSource == null || mine <= precedence.getOrDefault(currentSource, Integer.MAX_VALUE);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Records the identifying values a linked row disagrees on with the child (a date of birth, a sex, a name):
     * the child keeps its values, the difference goes to the data-quality report (ADR 18).
     */
    private void conflicts(FeedRecord record, ChildForMatching child) {
        if (!record.dateOfBirth().equals(child.dateOfBirth())) {
            batches.conflict(batchId, record.row(), child.id(), "date_of_birth", code, record.dateOfBirth().toString());
        }
        uk.contactpoint.directory.Gender sex = FeedIngestion.gender(record.sex());
        if (sex != uk.contactpoint.directory.Gender.NOT_SPECIFIED && child.gender() != uk.contactpoint.directory.Gender.NOT_SPECIFIED
                && sex != child.gender()) {
            batches.conflict(batchId, record.row(), child.id(), "sex", code, sex.name());
        }
        if (differs(record.name().surname(), child.familyName())) {
            batches.conflict(batchId, record.row(), child.id(), "family_name", code, record.name().surname());
        }
        if (differs(record.name().forename(), child.givenName())) {
            batches.conflict(batchId, record.row(), child.id(), "given_name", code, record.name().forename());
        }
    }

    private static boolean differs(String row, String held) {
        return row != null && held != null && !row.trim().equalsIgnoreCase(held.trim());
    }

    /**
     * The involvement an LA services row records (a practitioner or team of a service working with the child),
     * with its organisation by code: one the directory does not know yet is added from the row's code and name.
     */
    private Optional<NewChild.NewInvolvement> involvement(FeedRecord record) {
        FeedRecord.InvolvementDetails d = record.involvement();
        if (d == null || d.organisationCode() == null || blank(d.practitionerName()) && blank(d.teamName())) {
            return Optional.empty();
        }
        if (services == null) {
            services = new HashMap<>(directory.organisationIds(OrganisationKind.SERVICE));
        }
        Long org = services.get(d.organisationCode());
        if (org == null) {
            org = directory.addOrganisation(new uk.contactpoint.directory.NewOrganisation(OrganisationKind.SERVICE,
                    d.organisationCode(), d.organisationName() == null ? d.organisationCode() : d.organisationName(),
                    sector(d.serviceType()), d.serviceType().name(), null, null, null, null, false));
            services.put(d.organisationCode(), org);
        }
        return Optional.of(new NewChild.NewInvolvement(d.serviceType(), org, d.practitionerName(), d.teamName(), d.role(),
                d.phone(), d.email(), d.startDate(), d.endDate(), d.leadProfessional(), d.cafHolder()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static uk.contactpoint.directory.Sector sector(uk.contactpoint.directory.ServiceType type) {
        return switch (type) {
            case HEALTH_VISITING, SCHOOL_NURSING, SPEECH_AND_LANGUAGE, SEXUAL_HEALTH, MENTAL_HEALTH, SUBSTANCE_MISUSE ->
                    uk.contactpoint.directory.Sector.HEALTH;
            case EDUCATION_WELFARE, SPECIAL_EDUCATIONAL_NEEDS -> uk.contactpoint.directory.Sector.EDUCATION;
            case POLICE -> uk.contactpoint.directory.Sector.POLICE;
            case YOUTH_JUSTICE -> uk.contactpoint.directory.Sector.YOUTH_JUSTICE;
            case VOLUNTARY -> uk.contactpoint.directory.Sector.VOLUNTARY;
            default -> uk.contactpoint.directory.Sector.SOCIAL_CARE;
        };
    }

    private Map<String, String> schoolAuthorities;
    private Map<String, String> practiceAuthorities;

    private Optional<LocalAuthorityCode> settingAuthority(FeedRecord record) {
        String la = null;
        if (record.school() != null && record.school().urn() != null) {
            if (schoolAuthorities == null) {
                schoolAuthorities = directory.organisationAuthorities(OrganisationKind.EDUCATION_SETTING);
            }
            la = schoolAuthorities.get(record.school().urn());
        }
        if (la == null && record.gp() != null && record.gp().practiceCode() != null) {
            if (practiceAuthorities == null) {
                practiceAuthorities = directory.organisationAuthorities(OrganisationKind.GP_PRACTICE);
            }
            la = practiceAuthorities.get(record.gp().practiceCode());
        }
        return la == null ? Optional.empty() : Optional.of(new LocalAuthorityCode(la));
    }

    /** New ContactPoint IDs, none already allocated and no two alike: checked against the directory in one query. */
    private List<ContactPointId> newContactPointIds(int count) {
        Set<String> chosen = new LinkedHashSet<>(count * 2);
        while (chosen.size() < count) {
            Set<String> proposals = new LinkedHashSet<>();
            while (proposals.size() < count - chosen.size()) {
                String id = ContactPointId.generate(random).value();
                if (!chosen.contains(id)) {
                    proposals.add(id);
                }
            }
            proposals.removeAll(directory.allocatedContactPointIds(proposals));
            chosen.addAll(proposals);
        }
        return chosen.stream().map(ContactPointId::new).toList();
    }
}
