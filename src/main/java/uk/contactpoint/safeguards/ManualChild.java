package uk.contactpoint.safeguards;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Upn;

/**
 * A child's details as an LA data manager typed them: to create a record (with optional identifiers, school
 * and GP practice) or to correct one (names, date of birth, sex, address only). Blank text is null. The rules
 * are the feeds' where they apply (ADR 12: identifiers by the directory's own value objects, no date of birth
 * in the future, no value longer than the column), plus what a new record needs that a feed row may lack: a
 * given name, the sex, and a child under 18 (a participating young person over 18 needs consent, which is not
 * recorded here). {@link #toString()} prints no personal data.
 */
public record ManualChild(String givenName, String middleNames, String familyName, LocalDate dateOfBirth,
                          Gender gender, String addressLine1, String addressLine2, String town, String postcode,
                          String nhsNumber, String upn, String schoolUrn, String gpPracticeCode) {

    static final int MAX_NAME = 100;
    static final int MAX_LINE = 200;
    /** The oldest a record that is corrected may be: the oldest participating young person (ADR 12). */
    static final int OLDEST_AGE = 25;

    public ManualChild {
        givenName = clean(givenName);
        middleNames = clean(middleNames);
        familyName = clean(familyName);
        addressLine1 = clean(addressLine1);
        addressLine2 = clean(addressLine2);
        town = clean(town);
        postcode = clean(postcode);
        nhsNumber = clean(nhsNumber);
        upn = clean(upn);
        schoolUrn = clean(schoolUrn);
        gpPracticeCode = clean(gpPracticeCode);
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Whether any part of an address was given. */
    public boolean hasAddress() {
        return addressLine1 != null || addressLine2 != null || town != null || postcode != null;
    }

    /**
     * Field id to a message the user can act on; empty when the details can be used. A date of birth that is
     * not a real date is the form's to report (it never reaches here as a date).
     *
     * @param creating a new record (a child under 18, identifiers and settings allowed) rather than a correction
     */
    public Map<String, String> problems(LocalDate today, boolean creating) {
        Map<String, String> p = new LinkedHashMap<>();
        name(p, "givenName", givenName, "given name", true, MAX_NAME);
        name(p, "middleNames", middleNames, "middle names", false, MAX_LINE);
        name(p, "familyName", familyName, "family name", true, MAX_NAME);
        if (dateOfBirth == null) {
            p.put("dateOfBirth-day", "Enter the child's date of birth");
        } else if (dateOfBirth.isAfter(today)) {
            p.put("dateOfBirth-day", "Date of birth must be today or in the past");
        } else if (creating && !dateOfBirth.plusYears(18).isAfter(today)) {
            p.put("dateOfBirth-day", "The child must be under 18: ContactPoint holds children up to their 18th birthday");
        } else if (dateOfBirth.isBefore(today.minusYears(OLDEST_AGE))) {
            p.put("dateOfBirth-day", "Date of birth must be within the last " + OLDEST_AGE + " years");
        }
        if (gender == null) {
            p.put("gender", "Choose the child's sex, or 'Not specified'");
        }
        length(p, "addressLine1", addressLine1, "Address line 1", MAX_LINE);
        length(p, "addressLine2", addressLine2, "Address line 2", MAX_LINE);
        length(p, "town", town, "Town or city", MAX_NAME);
        if (hasAddress() && addressLine1 == null) {
            p.put("addressLine1", "Enter the first line of the address, or leave the whole address empty if it is not known");
        }
        if (postcode != null) {
            try {
                new Postcode(postcode);
            } catch (InvalidValueException e) {
                p.put("postcode", "Enter a real postcode, like LS6 2AB");
            }
        }
        if (creating) {
            identifier(p, "nhsNumber", nhsNumber, () -> new NhsNumber(nhsNumber));
            identifier(p, "upn", upn, () -> new Upn(upn));
            length(p, "schoolUrn", schoolUrn, "School URN", 20);
            length(p, "gpPracticeCode", gpPracticeCode, "GP practice code", 20);
        }
        return p;
    }

    private static void name(Map<String, String> p, String field, String value, String label, boolean required, int max) {
        if (value == null) {
            if (required) {
                p.put(field, "Enter the child's " + label);
            }
        } else {
            length(p, field, value, Character.toUpperCase(label.charAt(0)) + label.substring(1), max);
        }
    }

    private static void length(Map<String, String> p, String field, String value, String label, int max) {
        if (value != null && value.length() > max) {
            p.put(field, label + " must be " + max + " characters or fewer");
        }
    }

    private static void identifier(Map<String, String> p, String field, String value, Runnable parse) {
        if (value == null) {
            return;
        }
        try {
            parse.run();
        } catch (InvalidValueException e) {
            // The value object's message names the field and the rule, never the value.
            p.put(field, e.getMessage());
        }
    }

    /** The NHS number in its 10-digit form, or null. Call after {@link #problems} found none. */
    String nhsNumberValue() {
        return nhsNumber == null ? null : new NhsNumber(nhsNumber).value();
    }

    String upnValue() {
        return upn == null ? null : new Upn(upn).value();
    }

    Postcode postcodeValue() {
        return postcode == null ? null : new Postcode(postcode);
    }

    @Override
    public String toString() {
        return "ManualChild[address=" + hasAddress() + ", nhs=" + (nhsNumber != null) + ", upn=" + (upn != null) + "]";
    }
}
