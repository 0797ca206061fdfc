package uk.contactpoint.search.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageModel;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.PreparedRecords;
import uk.contactpoint.linkage.Sex;
import uk.contactpoint.search.SearchCriteria;

/**
 * For the fuzz tests of the search forms (web and API): what {@code ChildFinder.find} does with criteria around
 * its one database query (the query standardised and keyed, with the day and month swapped too, then scored
 * with the shipped model against a candidate), with one child standing in for the candidates the database would
 * return. Whatever it throws, a search with these criteria would answer with a 500. Keep it in step with
 * {@code ChildFinder.find}, which builds its query record privately.
 */
public final class OfflineSearch {

    private static final SearchModel MODEL = new SearchModel();
    private static final PreparedChildren PREPARED = new PreparedChildren(MODEL, 16);
    private static final ChildForMatching CANDIDATE = new ChildForMatching(1, new ContactPointId("100000000017"),
            "Kira", "Jane", "Robinson", List.of("O'Brien-Smith"), LocalDate.of(2015, 3, 4), Gender.FEMALE, "RM6 4XF",
            "47 Mount Crescent", "Romford", "E09000002", false, RecordStatus.LIVE,
            List.of(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, "9434765919", "test",
                            LocalDate.of(2024, 1, 1)),
                    new SourceIdentifier(SourceIdentifier.Scheme.UPN, SourceIdentifier.DFE, "A123456789012", "test",
                            LocalDate.of(2024, 1, 1))));

    private OfflineSearch() {
    }

    /** Keys the criteria and scores them against the candidate's every name, as a search would. */
    public static void score(SearchCriteria c) {
        LinkageModel model = MODEL.model();
        List<Identifier> ids = new ArrayList<>();
        if (c.nhsNumber() != null) {
            ids.add(new Identifier("nhs_number", c.nhsNumber()));
        }
        if (c.upn() != null) {
            ids.add(new Identifier("upn", c.upn()));
        }
        LinkageRecord query = new LinkageRecord("query", c.givenName(), c.familyName(), c.dateOfBirth(), Sex.UNKNOWN,
                c.postcode(), null, null, ids);
        model.blockingKeys(query);
        LocalDate dob = query.dateOfBirth();
        if (dob != null && dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
            model.blockingKeys(new LinkageRecord(query.id(), query.givenName(), query.familyName(),
                    LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()), query.sex(), query.postcode(),
                    query.address(), query.locality(), query.identifiers()));
        }
        PreparedRecords all = model.join(List.of(model.prepare(List.of(query)), PREPARED.of(CANDIDATE)));
        for (int k = 1; k < all.size(); k++) {
            model.score(all, 0, k);
        }
    }
}
