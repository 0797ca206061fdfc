package uk.contactpoint.ingest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Upn;
import uk.contactpoint.ingest.FeedRecord.BirthRegistration;
import uk.contactpoint.ingest.FeedRecord.ChildName;
import uk.contactpoint.ingest.FeedRecord.Claimant;
import uk.contactpoint.ingest.FeedRecord.Consent;
import uk.contactpoint.ingest.FeedRecord.FeedAddress;
import uk.contactpoint.ingest.FeedRecord.GpRegistration;
import uk.contactpoint.ingest.FeedRecord.InvolvementDetails;
import uk.contactpoint.ingest.FeedRecord.SchoolPlacement;
import uk.contactpoint.linkage.DateParser;
import uk.contactpoint.linkage.Sex;

/**
 * Turns the fields of one data row into a {@link FeedRecord}, or into a {@link Reject} at the first problem.
 *
 * <p>What is a reject and what is a data gap (ADR 12): a row is rejected when a value is malformed (not a date,
 * an NHS number failing its check digit), implausible (born in the future), or a field the row cannot be used
 * without is empty. A missing forename, sex or postcode, or a postcode that is not a UK one, is a gap that real
 * feeds have: the row is kept and linkage copes, because rejecting it would lose a real child.
 */
final class FeedValidator {

    /** Longer than any name, address line or code a supplier has reason to send: a sign of a broken export. */
    static final int MAX_LENGTH = 200;
    private static final int OLDEST_AGE = 25;

    private static final DateParser ISO = DateParser.of(DateParser.ISO);
    private static final String NOT_A_DATE = "is not a real date: use yyyy-MM-dd, with a month 01-12 and a day "
            + "that exists in that month";
    private static final String SERVICE_TYPES = String.join(", ",
            java.util.Arrays.stream(ServiceType.values()).map(Enum::name).toList());

    private final FeedSource source;
    private final LocalDate today;
    private final LocalDate oldest;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();

    FeedValidator(FeedSource source, LocalDate today) {
        this.source = source;
        this.today = today;
        this.oldest = today.minusYears(OLDEST_AGE);
        this.header = source.header();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
    }

    /** Thrown inside one row's validation to stop at its first problem; never leaves this class. */
    private static final class Rejected extends RuntimeException {
        final String field;

        Rejected(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    FeedRow validate(long row, String[] raw) {
        if (raw.length != header.size()) {
            return new Reject(row, "row", "has " + raw.length + " fields where the " + source.cliName()
                    + " header has " + header.size() + ": check for a lost field or an unquoted comma");
        }
        String[] values = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String v = raw[i].trim();
            if (v.length() > MAX_LENGTH) {
                return new Reject(row, header.get(i), "is longer than " + MAX_LENGTH + " characters");
            }
            values[i] = v.isEmpty() ? null : v;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && source.required().contains(header.get(i))) {
                return new Reject(row, header.get(i), "is required and is empty");
            }
        }
        try {
            return switch (source) {
                case BIRTHS -> births(row, values);
                case SCHOOL_CENSUS -> schoolCensus(row, values);
                case CHILD_BENEFIT -> childBenefit(row, values);
                case NHS_DEMOGRAPHICS -> nhsDemographics(row, values);
                case LA_SERVICES -> laServices(row, values);
            };
        } catch (Rejected r) {
            return new Reject(row, r.field, r.getMessage());
        }
    }

    /**
     * A child's name field as it is, if it could be a name: letters of any script with their marks, and spaces,
     * hyphens, apostrophes and full stops between them, starting with a letter. Anything else (digits, a formula's
     * "=", "+" or "@", control characters, markup) rejects the row, without echoing the value.
     */
    private String name(String[] v, int column) {
        String value = v[column];
        if (value != null && !couldBeAName(value)) {
            throw new Rejected(header.get(column), "holds a character a name cannot: use letters, spaces, hyphens, "
                    + "apostrophes and full stops, starting with a letter");
        }
        return value;
    }

    static boolean couldBeAName(String value) {
        if (value.isEmpty() || !Character.isLetter(value.codePointAt(0))) {
            return false;
        }
        return value.codePoints().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '-' || c == '\'' || c == '\u2019'
                || c == '.' || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK);
    }

    private FeedRecord births(long row, String[] v) {
        ChildName name = new ChildName(name(v, 1), name(v, 2), name(v, 3), null, null);
        Sex sex = sex(v, "sex");
        LocalDate born = dateOfBirth(v, "date_of_birth");
        BirthRegistration birth = new BirthRegistration(v[6], v[7], v[8], v[9], v[10],
                date(v, "registration_date"));
        FeedAddress address = address(v[11], v[12], v[13], v[14]);
        return new FeedRecord(source, row, name, born, sex, address, null, null, v[0], null, null, null, null, birth,
                null);
    }

    private FeedRecord schoolCensus(long row, String[] v) {
        Upn upn = identifier("upn", () -> new Upn(v[0]));
        ChildName name = new ChildName(name(v, 1), name(v, 2), name(v, 3), name(v, 4), name(v, 5));
        LocalDate born = dateOfBirth(v, "date_of_birth");
        Sex sex = sex(v, "sex");
        FeedAddress address = address(v[8], v[9], v[10], v[11]);
        SchoolPlacement school = new SchoolPlacement(v[12], date(v, "entry_date"));
        return new FeedRecord(source, row, name, born, sex, address, null, upn, null, null, school, null, null, null,
                null);
    }

    private FeedRecord childBenefit(long row, String[] v) {
        Claimant claimant = new Claimant(v[1], v[2], v[3]);
        FeedAddress address = address(v[4], v[5], v[6], v[7]);
        ChildName name = new ChildName(name(v, 8), name(v, 9), name(v, 10), null, null);
        LocalDate born = dateOfBirth(v, "date_of_birth");
        Sex sex = sex(v, "sex");
        return new FeedRecord(source, row, name, born, sex, address, null, null, v[0], null, null, null, null, null,
                claimant);
    }

    private FeedRecord nhsDemographics(long row, String[] v) {
        NhsNumber nhs = identifier("nhs_number", () -> new NhsNumber(v[0]));
        ChildName name = new ChildName(name(v, 1), name(v, 2), name(v, 3), null, null);
        LocalDate born = dateOfBirth(v, "date_of_birth");
        Sex sex = sex(v, "sex");
        FeedAddress address = address(v[6], v[7], v[8], v[9]);
        LocalDate registered = date(v, "registration_date");
        GpRegistration gp = v[10] == null && registered == null ? null : new GpRegistration(v[10], registered);
        LocalDate died = date(v, "date_of_death");
        return new FeedRecord(source, row, name, born, sex, address, nhs, null, null, died, null, gp, null, null,
                null);
    }

    private FeedRecord laServices(long row, String[] v) {
        ChildName name = new ChildName(name(v, 1), name(v, 2), name(v, 3), null, null);
        LocalDate born = dateOfBirth(v, "date_of_birth");
        Sex sex = sex(v, "sex");
        FeedAddress address = address(v[6], v[7], v[8], v[9]);
        ServiceType serviceType = serviceType(v[10]);
        LocalDate start = date(v, "start_date");
        LocalDate end = date(v, "end_date");
        if (end != null && end.isBefore(start)) {
            throw new Rejected("end_date", "is before start_date");
        }
        boolean lead = flag(v, "lead_professional");
        boolean caf = flag(v, "caf_holder");
        boolean sensitive = flag(v, "sensitive");
        Consent consent = consent(v[23]);
        if ((sensitive || serviceType.sensitive()) && consent == null) {
            throw new Rejected("consent", "is required for a sensitive service: give the ground it is recorded on, "
                    + "CHILD, PARENT or SIGNIFICANT_HARM");
        }
        InvolvementDetails involvement = new InvolvementDetails(serviceType, v[11], v[12], v[13], v[14], v[15], v[16],
                v[17], start, end, lead, caf, sensitive || serviceType.sensitive(), consent);
        return new FeedRecord(source, row, name, born, sex, address, null, null, v[0], null, null, null, involvement,
                null, null);
    }

    private LocalDate dateOfBirth(String[] v, String column) {
        LocalDate born = date(v, column);
        if (born.isAfter(today)) {
            throw new Rejected(column, "is in the future");
        }
        if (born.isBefore(oldest)) {
            throw new Rejected(column, "is more than " + OLDEST_AGE + " years ago: the directory holds only children "
                    + "and young people up to " + OLDEST_AGE);
        }
        return born;
    }

    /** The date in the column, null when empty; a value that is not a date is rejected. */
    private LocalDate date(String[] v, String column) {
        String text = v[index.get(column)];
        if (text == null) {
            return null;
        }
        LocalDate date = ISO.parse(text);
        if (date == null) {
            throw new Rejected(column, NOT_A_DATE);
        }
        return date;
    }

    private Sex sex(String[] v, String column) {
        String text = v[index.get(column)];
        if (text == null) {
            return Sex.UNKNOWN;
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "M" -> Sex.MALE;
            case "F" -> Sex.FEMALE;
            case "U" -> Sex.UNKNOWN;
            default -> throw new Rejected(column, "must be M, F, U (not specified) or empty");
        };
    }

    private boolean flag(String[] v, String column) {
        String text = v[index.get(column)];
        if ("Y".equalsIgnoreCase(text)) {
            return true;
        }
        if ("N".equalsIgnoreCase(text)) {
            return false;
        }
        throw new Rejected(column, "must be Y or N");
    }

    private static ServiceType serviceType(String text) {
        try {
            return ServiceType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Rejected("service_type", "is not a known service type: use one of " + SERVICE_TYPES);
        }
    }

    private static Consent consent(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Consent.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Rejected("consent", "must be CHILD, PARENT, SIGNIFICANT_HARM or empty");
        }
    }

    /** Reads an identifier with the directory's own rules, and rejects with the rule it breaks. */
    private static <T> T identifier(String column, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InvalidValueException e) {
            String message = e.getMessage();
            String problem = message.startsWith(e.field() + ": ") ? message.substring(e.field().length() + 2) : message;
            throw new Rejected(column, problem);
        }
    }

    /**
     * The address, or null when every part is empty. A postcode that is not a UK one is kept as written and
     * flagged: it still helps matching as a string, and a supplier's odd value is not a reason to lose the child.
     */
    private static FeedAddress address(String line1, String line2, String town, String postcode) {
        if (line1 == null && line2 == null && town == null && postcode == null) {
            return null;
        }
        String normalised = postcode;
        boolean uk = false;
        if (postcode != null) {
            try {
                normalised = new Postcode(postcode).value();
                uk = true;
            } catch (InvalidValueException e) {
                normalised = postcode;
            }
        }
        return new FeedAddress(line1, line2, town, normalised, uk);
    }
}
