package uk.contactpoint.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import uk.contactpoint.directory.OrganisationKind;

/**
 * Organisation reference data, in the layouts its publishers use (ADR 16): schools from DfE's Get Information
 * about Schools ({@code edubasealldata*.csv}) and GP practices from the NHS Organisation Data Service
 * ({@code epraccur.csv}).
 */
public enum ReferenceSource {

    SCHOOLS("schools", "GIAS", OrganisationKind.EDUCATION_SETTING, "URN"),
    GP_PRACTICES("gp-practices", "ODS", OrganisationKind.GP_PRACTICE, "organisation_code");

    private final String cliName;
    private final String dataSource;
    private final OrganisationKind kind;
    private final String codeField;

    ReferenceSource(String cliName, String dataSource, OrganisationKind kind, String codeField) {
        this.cliName = cliName;
        this.dataSource = dataSource;
        this.kind = kind;
        this.codeField = codeField;
    }

    /** The name on the command line and in reports: {@code schools}, {@code gp-practices}. */
    public String cliName() {
        return cliName;
    }

    /** The {@code data_source} code values from this source are recorded with. */
    public String dataSource() {
        return dataSource;
    }

    /** The kind of organisation the file lists, and whose code it carries. */
    public OrganisationKind kind() {
        return kind;
    }

    /** The field of the file holding the organisation's code, as reject reports name it. */
    String codeField() {
        return codeField;
    }

    /** The source named on the command line (any case), if there is one. */
    public static Optional<ReferenceSource> fromCliName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.cliName.equals(wanted)).findFirst();
    }

    /** The command-line names, comma separated, for usage messages. */
    public static String cliNames() {
        return Arrays.stream(values()).map(ReferenceSource::cliName).collect(Collectors.joining(", "));
    }
}
