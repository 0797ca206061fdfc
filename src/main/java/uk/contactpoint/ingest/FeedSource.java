package uk.contactpoint.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The five national and local feeds, each with the exact header a supplier must send (docs/feeds.md), the
 * columns without which a row cannot be used, and the column holding the identifier the source allocates.
 */
public enum FeedSource {

    BIRTHS("births", "registration_id",
            List.of("registration_id", "child_forename", "child_middle_names", "child_surname", "sex", "date_of_birth",
                    "place_of_birth", "mother_forename", "mother_surname", "father_forename", "father_surname",
                    "mother_address_line1", "mother_address_line2", "mother_town", "mother_postcode",
                    "registration_date"),
            Set.of("registration_id", "child_surname", "date_of_birth", "registration_date")),

    SCHOOL_CENSUS("school-census", "upn",
            List.of("upn", "legal_forename", "legal_middle_names", "legal_surname", "preferred_forename",
                    "former_surname", "date_of_birth", "sex", "address_line1", "address_line2", "town", "postcode",
                    "school_urn", "entry_date"),
            Set.of("upn", "legal_surname", "date_of_birth", "school_urn")),

    CHILD_BENEFIT("child-benefit", "claim_id",
            List.of("claim_id", "claimant_forename", "claimant_surname", "claimant_nino", "address_line1",
                    "address_line2", "town", "postcode", "child_forename", "child_middle_names", "child_surname",
                    "date_of_birth", "sex"),
            Set.of("claim_id", "child_surname", "date_of_birth")),

    NHS_DEMOGRAPHICS("nhs-demographics", "nhs_number",
            List.of("nhs_number", "forename", "middle_names", "surname", "date_of_birth", "sex", "address_line1",
                    "address_line2", "town", "postcode", "gp_practice_code", "registration_date", "date_of_death"),
            Set.of("nhs_number", "surname", "date_of_birth")),

    LA_SERVICES("la-services", "record_id",
            List.of("record_id", "forename", "middle_names", "surname", "date_of_birth", "sex", "address_line1",
                    "address_line2", "town", "postcode", "service_type", "organisation_code", "organisation_name",
                    "practitioner_name", "team_name", "role", "phone", "email", "start_date", "end_date",
                    "lead_professional", "caf_holder", "sensitive", "consent"),
            Set.of("record_id", "surname", "date_of_birth", "service_type", "organisation_code", "start_date",
                    "lead_professional", "caf_holder", "sensitive"));

    private final String cliName;
    private final String identifierColumn;
    private final List<String> header;
    private final Set<String> required;

    FeedSource(String cliName, String identifierColumn, List<String> header, Set<String> required) {
        this.cliName = cliName;
        this.identifierColumn = identifierColumn;
        this.header = header;
        this.required = required;
    }

    /** The name on the command line and in reports: {@code births}, {@code school-census}, ... */
    public String cliName() {
        return cliName;
    }

    /** The exact columns, in order, of the header line. */
    public List<String> header() {
        return header;
    }

    /** The columns a row must fill; any other column may be empty. */
    public Set<String> required() {
        return required;
    }

    /**
     * The column with the identifier this source allocates: the NHS number, the UPN, or a source-local record
     * id (registration, claim, LA record).
     */
    public String identifierColumn() {
        return identifierColumn;
    }

    /** The source named on the command line (any case), if there is one. */
    public static Optional<FeedSource> fromCliName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.cliName.equals(wanted)).findFirst();
    }

    /** The command-line names, comma separated, for usage messages. */
    public static String cliNames() {
        return Arrays.stream(values()).map(FeedSource::cliName).collect(Collectors.joining(", "));
    }
}
