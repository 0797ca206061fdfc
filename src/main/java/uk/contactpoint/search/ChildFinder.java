package uk.contactpoint.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.linkage.Decision;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageModel;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.PreparedRecords;
import uk.contactpoint.linkage.ScoredPair;
import uk.contactpoint.linkage.Sex;
import uk.contactpoint.search.internal.PreparedChildren;
import uk.contactpoint.search.internal.SearchModel;

/**
 * Finds the live children some criteria could mean: candidates by blocking keys (one indexed query), each
 * scored with the linkage engine against every name the child has had, kept when the engine would at least
 * review the pair, best first. Archived and suppressed records never appear.
 */
@Service
public class ChildFinder {

    static final int PER_KEY_CAP = 5_000;
    static final int MAX_CANDIDATES = 500;

    private final Directory directory;
    private final LinkageModel model;
    private final PreparedChildren prepared;

    ChildFinder(Directory directory, SearchModel model, PreparedChildren prepared) {
        this.directory = directory;
        this.model = model.model();
        this.prepared = prepared;
    }

    @Transactional(readOnly = true)
    public List<SearchHit> find(SearchCriteria c) {
        return find(new LinkageRecord("query", c.givenName(), c.familyName(), c.dateOfBirth(), Sex.UNKNOWN,
                c.postcode(), null, null, identifiers(c.nhsNumber(), c.upn())));
    }

    /**
     * The live children a new record could duplicate, best first: the same candidates, keys and scoring as a
     * search, with everything the record says (sex, address, identifiers) as evidence. What a viewer may see
     * of them is the caller's (the disclosure policy's) business.
     */
    @Transactional(readOnly = true)
    public List<SearchHit> likelyDuplicates(ChildParticulars p) {
        Sex sex = p.gender() == Gender.FEMALE ? Sex.FEMALE : p.gender() == Gender.MALE ? Sex.MALE : Sex.UNKNOWN;
        return find(new LinkageRecord("new", p.givenName(), p.familyName(), p.dateOfBirth(), sex, p.postcode(),
                p.addressLine1(), p.town(), identifiers(p.nhsNumber(), p.upn())));
    }

    /** Whether the engine would link this hit outright (a very strong match), not only review it. */
    public boolean linkStrength(SearchHit hit) {
        return hit.probability() >= model.settings().linkProbability();
    }

    private static List<Identifier> identifiers(String nhsNumber, String upn) {
        List<Identifier> ids = new ArrayList<>();
        if (nhsNumber != null) {
            ids.add(new Identifier("nhs_number", nhsNumber));
        }
        if (upn != null) {
            ids.add(new Identifier("upn", upn));
        }
        return ids;
    }

    private List<SearchHit> find(LinkageRecord query) {
        long[] keys = model.blockingKeys(query);
        java.time.LocalDate dob = query.dateOfBirth();
        if (dob != null && dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
            // A practitioner may have day and month the wrong way round as well as a misspelt surname: the keys of
            // the swapped date find the child through its given name too. Scoring still sees the date as typed.
            LinkageRecord swapped = new LinkageRecord(query.id(), query.givenName(), query.familyName(),
                    java.time.LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()), query.sex(),
                    query.postcode(), query.address(), query.locality(), query.identifiers());
            keys = java.util.stream.LongStream.concat(java.util.Arrays.stream(keys), java.util.Arrays.stream(model.blockingKeys(swapped)))
                    .distinct().toArray();
        }
        List<ChildForMatching> children = directory.candidatesForMatching(keys, PER_KEY_CAP, MAX_CANDIDATES).stream()
                .filter(child -> child.status() == RecordStatus.LIVE).toList();
        // the query prepared now, each candidate as prepared for an earlier search unless its fields changed
        List<PreparedRecords> parts = new ArrayList<>(children.size() + 1);
        parts.add(model.prepare(List.of(query)));
        List<ChildForMatching> owners = new ArrayList<>();
        for (ChildForMatching child : children) {
            PreparedRecords p = prepared.of(child);
            parts.add(p);
            for (int i = 0; i < p.size(); i++) {
                owners.add(child);
            }
        }
        PreparedRecords all = model.join(parts);
        List<ScoredPair> scored = new ArrayList<>(owners.size());
        for (int k = 1; k < all.size(); k++) {
            scored.add(model.score(all, 0, k));
        }
        // best first, as LinkageModel.match orders them: a child's best-scoring name stands for it
        scored.sort(Comparator.comparingDouble(ScoredPair::weight).reversed());
        java.util.Map<Long, SearchHit> best = new java.util.LinkedHashMap<>();
        for (ScoredPair m : scored) {
            if (m.decision() == Decision.NO_MATCH) {
                continue;
            }
            ChildForMatching child = owners.get(m.right() - 1);
            best.merge(child.id(), new SearchHit(child, m.probability(), m.weight()),
                    (a, b) -> a.weight() >= b.weight() ? a : b);
        }
        List<SearchHit> hits = new ArrayList<>(best.values());
        hits.sort(Comparator.comparingDouble(SearchHit::weight).reversed());
        return hits;
    }
}
