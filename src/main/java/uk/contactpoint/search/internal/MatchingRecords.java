package uk.contactpoint.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.Sex;

/**
 * A child as the linkage engine sees it: one record per family name it has had (current and former), so a
 * search by a former name finds it. A shielded child shows only what stays visible on it: name, date of
 * birth and sex; never its postcode, address or identifiers, so it cannot be found through them.
 */
public final class MatchingRecords {

    private MatchingRecords() {
    }

    public static List<LinkageRecord> of(ChildForMatching c) {
        Set<String> families = new LinkedHashSet<>();
        families.add(c.familyName());
        families.addAll(c.otherFamilyNames());
        List<Identifier> ids = new ArrayList<>();
        if (!c.shielded()) {
            for (SourceIdentifier s : c.identifiers()) {
                switch (s.scheme()) {
                    case NHS_NUMBER -> ids.add(new Identifier("nhs_number", s.value()));
                    case UPN -> ids.add(new Identifier("upn", s.value()));
                    default -> { }
                }
            }
        }
        Sex sex = c.gender() == Gender.FEMALE ? Sex.FEMALE : c.gender() == Gender.MALE ? Sex.MALE : Sex.UNKNOWN;
        List<LinkageRecord> records = new ArrayList<>();
        for (String family : families) {
            records.add(new LinkageRecord(Long.toString(c.id()), c.givenName(), family, c.dateOfBirth(), sex,
                    c.shielded() ? null : c.postcode(), c.shielded() ? null : c.addressLine1(), c.shielded() ? null : c.town(), ids));
        }
        return records;
    }
}
