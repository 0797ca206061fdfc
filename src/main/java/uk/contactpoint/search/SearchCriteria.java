package uk.contactpoint.search;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a practitioner searches with (DOMAIN.md section 8). Enough detail is: a family name and a date of
 * birth (with a given name or a postcode or neither); or an NHS number or UPN (only for users of the body
 * that allocated them). A ContactPoint ID is looked up directly, not searched.
 */
public record SearchCriteria(String givenName, String familyName, LocalDate dateOfBirth, String postcode,
                             String nhsNumber, String upn) {

    public SearchCriteria {
        givenName = clean(givenName);
        familyName = clean(familyName);
        postcode = clean(postcode);
        nhsNumber = clean(nhsNumber);
        upn = clean(upn);
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Field id to what to add or correct; empty when the criteria are enough to search with. */
    public Map<String, String> problems(boolean mayUseNhsNumber, boolean mayUseUpn) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String value : new String[] {givenName, familyName, postcode, nhsNumber, upn}) {
            if (value != null && value.length() > 100) {
                problems.put("familyName", "Each field must be 100 characters or fewer");
                return problems;
            }
        }
        if (nhsNumber != null && !mayUseNhsNumber) {
            problems.put("nhsNumber", "Only health staff can search by NHS number: search by name and date of birth");
        }
        if (upn != null && !mayUseUpn) {
            problems.put("upn", "Only education staff can search by UPN: search by name and date of birth");
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        boolean byIdentifier = nhsNumber != null || upn != null;
        if (!byIdentifier && (familyName == null || dateOfBirth == null)) {
            if (familyName == null) {
                problems.put("familyName", "Enter the child's family name");
            }
            if (dateOfBirth == null) {
                problems.put("dateOfBirth-day", "Enter the child's date of birth");
            }
        }
        return problems;
    }

    /** The parameters as the audit records them. */
    /** What the audit detail says of a search: which fields were given, never their values (ADR 30). */
    public String forAudit() {
        StringBuilder s = new StringBuilder("search: fields=");
        java.util.StringJoiner fields = new java.util.StringJoiner(",");
        if (givenName != null) fields.add("given");
        if (familyName != null) fields.add("family");
        if (dateOfBirth != null) fields.add("dob");
        if (postcode != null) fields.add("postcode");
        if (nhsNumber != null) fields.add("nhs");
        if (upn != null) fields.add("upn");
        return s.append(fields).toString();
    }

    /** The values searched for, which the audit log keeps encrypted for as long as the children they concern. */
    public String personalValues() {
        StringBuilder s = new StringBuilder();
        if (givenName != null) s.append(" given=").append(givenName);
        if (familyName != null) s.append(" family=").append(familyName);
        if (dateOfBirth != null) s.append(" dob=").append(dateOfBirth);
        if (postcode != null) s.append(" postcode=").append(postcode);
        if (nhsNumber != null) s.append(" nhs=").append(nhsNumber);
        if (upn != null) s.append(" upn=").append(upn);
        return s.toString().strip();
    }

    @Override
    public String toString() {
        return "SearchCriteria[given=" + (givenName != null) + ", family=" + (familyName != null) + ", dob="
                + (dateOfBirth != null) + ", postcode=" + (postcode != null) + "]";
    }
}
