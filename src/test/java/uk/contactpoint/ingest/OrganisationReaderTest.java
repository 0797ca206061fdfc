package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.ReferenceOrganisation;

/** Reading GIAS edubasealldata and ODS epraccur files: good rows, rejects with row and reason, the file refused. */
class OrganisationReaderTest {

    /** A slice of the real GIAS header: columns the directory reads, between others it ignores. */
    static final String GIAS_HEADER = "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,"
            + "TypeOfEstablishment (code),TypeOfEstablishment (name),EstablishmentStatus (code),"
            + "EstablishmentStatus (name),OpenDate,CloseDate,PhaseOfEducation (code),PhaseOfEducation (name),"
            + "StatutoryLowAge,Street,Locality,Address3,Town,County (name),Postcode,SchoolWebsite,TelephoneNum,"
            + "HeadLastName,GSSLACode (name)";

    @TempDir
    Path temp;

    static String gias(String urn, String laName, String name, String type, String status, String open, String close,
            String phase, String street, String town, String postcode, String phone, String gss) {
        return String.join(",", urn, "383", laName, "2001", name, "1", type, "1", status, open, close, "2", phase,
                "4", street, "", "", town, "", postcode, "www.example.org", phone, "Smith", gss);
    }

    static String epraccur(String code, String name, String open, String close, String status, String setting) {
        String[] f = new String[27];
        java.util.Arrays.fill(f, "");
        f[0] = code;
        f[1] = name;
        f[2] = "Y63";
        f[3] = "QHM";
        f[4] = "THE HEALTH CENTRE";
        f[5] = "LAWSON STREET";
        f[6] = "STOCKTON-ON-TEES";
        f[7] = "CLEVELAND";
        f[9] = "TS18 1HU";
        f[10] = open;
        f[11] = close;
        f[12] = status;
        f[13] = "B";
        f[14] = "16C";
        f[17] = "01642 672351";
        f[21] = "0";
        f[25] = setting;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            out.append(i == 0 ? "" : ",").append('"').append(f[i]).append('"');
        }
        return out.toString();
    }

    private static List<OrganisationReader.Row> read(ReferenceSource source, String text) throws IOException {
        try (OrganisationReader reader = OrganisationReader.of(source, new StringReader(text))) {
            List<OrganisationReader.Row> rows = new ArrayList<>();
            OrganisationReader.Row row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
            return rows;
        }
    }

    private static ReferenceOrganisation good(OrganisationReader.Row row) {
        assertThat(row).isInstanceOf(OrganisationReader.Good.class);
        return ((OrganisationReader.Good) row).organisation();
    }

    private static Reject reject(OrganisationReader.Row row) {
        assertThat(row).isInstanceOf(OrganisationReader.Rejected.class);
        return ((OrganisationReader.Rejected) row).reject();
    }

    @Test
    void shouldReadAGiasRowByColumnNameIgnoringTheOtherColumns() throws IOException {
        List<OrganisationReader.Row> rows = read(ReferenceSource.SCHOOLS, GIAS_HEADER + "\n"
                + gias("107958", "Leeds", "Kirkstall Valley Primary School", "Community school", "Open", "01-09-2003", "",
                "Primary", "Argie Road", "Leeds", "ls4 2qz", "01132 784545", "E08000035") + "\n");

        assertThat(rows).hasSize(1);
        ReferenceOrganisation o = good(rows.get(0));
        assertThat(o.kind()).isEqualTo(OrganisationKind.EDUCATION_SETTING);
        assertThat(o.code()).isEqualTo("107958");
        assertThat(o.name()).isEqualTo("Kirkstall Valley Primary School");
        assertThat(o.settingType()).isEqualTo("Community school (Primary)");
        assertThat(o.address().line1()).isEqualTo("Argie Road");
        assertThat(o.address().town()).isEqualTo("Leeds");
        assertThat(o.address().postcode().value()).isEqualTo("LS4 2QZ");
        assertThat(o.phone()).isEqualTo("01132 784545");
        assertThat(o.localAuthority().value()).isEqualTo("E08000035");
        assertThat(o.openedOn()).isEqualTo(LocalDate.of(2003, 9, 1));
        assertThat(o.closed()).isFalse();
        assertThat(o.closedOn()).isNull();
    }

    @Test
    void shouldReadAClosedSchoolAndFindItsAuthorityByNameOrPostcodeWhenTheGssCodeIsADistrict() throws IOException {
        List<OrganisationReader.Row> rows = read(ReferenceSource.SCHOOLS, GIAS_HEADER + "\n"
                // Devon's schools carry the district council's code (E07): the LA name decides.
                + gias("113183", "Devon", "Old Mill School", "Foundation school", "Closed", "01-01-1990", "31-08-2019",
                "Not applicable", "Mill Lane", "Exeter", "EX1 1AA", "", "E07000041") + "\n"
                + gias("113184", "\"Bristol, City of\"", "Harbour School", "Community school", "Open", "", "", "Primary",
                "Quay Street", "Bristol", "BS1 4DJ", "", "") + "\n"
                + gias("113185", "Somewhere abroad", "Far School", "Community school", "Open", "", "", "Primary",
                "1 Road", "York", "YO1 7HH", "", "") + "\n");

        ReferenceOrganisation closed = good(rows.get(0));
        assertThat(closed.closed()).isTrue();
        assertThat(closed.closedOn()).isEqualTo(LocalDate.of(2019, 8, 31));
        assertThat(closed.settingType()).isEqualTo("Foundation school");
        assertThat(closed.localAuthority().value()).isEqualTo("E10000008");
        assertThat(good(rows.get(1)).localAuthority().value()).isEqualTo("E06000023");
        assertThat(good(rows.get(2)).localAuthority().value()).as("by postcode district").isEqualTo("E06000014");
    }

    @Test
    void shouldRejectBadGiasRowsWithTheirRowNumberFieldAndReason() throws IOException {
        List<OrganisationReader.Row> rows = read(ReferenceSource.SCHOOLS, GIAS_HEADER + "\n"
                + gias("10795", "Leeds", "Short Urn School", "Community school", "Open", "", "", "Primary", "", "", "", "", "") + "\n"
                + gias("107960", "Leeds", "", "Community school", "Open", "", "", "Primary", "", "", "", "", "") + "\n"
                + gias("107961", "Leeds", "Bad Date School", "Community school", "Closed", "", "2019-08-31", "Primary", "", "", "", "", "") + "\n"
                + gias("107962", "Leeds", "Wide School", "Community school", "Open", "", "", "Primary", "", "", "", "", "") + ",extra\n"
                + gias("107963", "Leeds", "First School", "Community school", "Open", "", "", "Primary", "", "", "", "", "") + "\n"
                + gias("107963", "Leeds", "Second School", "Community school", "Open", "", "", "Primary", "", "", "", "", "") + "\n"
                + gias("107964", "Leeds", "Odd School", "Community school", "Shut", "", "", "Primary", "", "", "", "", "") + "\n"
                + gias("107965", "Leeds", "Backwards School", "Community school", "Closed", "01-09-2020", "31-08-2019", "Primary", "", "", "", "", "") + "\n"
                + gias("107966", "Leeds", "Not A Postcode School", "Community school", "Open", "", "", "Primary", "", "", "NOT KNOWN", "", "") + "\n");

        assertThat(reject(rows.get(0))).isEqualTo(new Reject(1, "URN", "is not a URN: 6 digits, the first not 0"));
        assertThat(reject(rows.get(1))).isEqualTo(new Reject(2, "EstablishmentName", "is required"));
        assertThat(reject(rows.get(2))).isEqualTo(new Reject(3, "CloseDate",
                "is not a real date: use dd-MM-yyyy, as GIAS publishes"));
        assertThat(reject(rows.get(3)).field()).isEqualTo("row");
        assertThat(reject(rows.get(3)).reason()).startsWith("has 25 fields where the header has 24");
        assertThat(good(rows.get(4)).name()).isEqualTo("First School");
        assertThat(reject(rows.get(5))).isEqualTo(new Reject(6, "URN",
                "appears again in the file (first at row 5): each organisation once"));
        assertThat(reject(rows.get(6)).field()).isEqualTo("EstablishmentStatus (name)");
        assertThat(reject(rows.get(7))).isEqualTo(new Reject(8, "CloseDate", "is before the OpenDate"));
        // A postcode that is not a UK one is a gap, not a reason to lose the school.
        assertThat(good(rows.get(8)).address()).isNull();
    }

    @Test
    void shouldRefuseAFileWithoutTheGiasColumnsAndAnEmptyOne() {
        assertThatThrownBy(() -> read(ReferenceSource.SCHOOLS, "URN,EstablishmentName\n100000,A School\n"))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("missing column(s) LA (code), LA (name), TypeOfEstablishment (name)");
        assertThatThrownBy(() -> read(ReferenceSource.SCHOOLS, ""))
                .isInstanceOf(FeedRefusedException.class).hasMessageContaining("empty");
    }

    @Test
    void shouldReadWindows1252AsGiasPublishesItAndUtf8WithOrWithoutAByteOrderMark() throws IOException {
        String text = GIAS_HEADER + "\r\n" + gias("131313", "Camden", "École Française de Londres", "Other independent school",
                "Open", "", "", "Not applicable", "Holmes Road", "London", "NW5 3AP", "020 7946 0000", "E09000007") + "\r\n";
        Path cp1252 = temp.resolve("edubasealldata-1252.csv");
        Files.write(cp1252, text.getBytes(Charset.forName("windows-1252")));
        Path utf8 = temp.resolve("edubasealldata-utf8.csv");
        Files.write(utf8, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));

        for (Path file : List.of(cp1252, utf8)) {
            try (OrganisationReader reader = OrganisationReader.open(ReferenceSource.SCHOOLS, file)) {
                assertThat(reader.charset()).isEqualTo(file == cp1252 ? Charset.forName("windows-1252")
                        : StandardCharsets.UTF_8);
                assertThat(good(reader.next()).name()).as(file.toString()).isEqualTo("École Française de Londres");
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void shouldReadAnEpraccurGpPracticeAndSkipOtherPrescribingSettings() throws IOException {
        List<OrganisationReader.Row> rows = read(ReferenceSource.GP_PRACTICES,
                epraccur("A81001", "THE DENSHAM SURGERY", "19740401", "", "A", "4") + "\n"
                        + epraccur("Y02625", "OUT OF HOURS SERVICE", "20080401", "", "A", "2") + "\n"
                        + epraccur("A81002", "OLD PRACTICE", "19740401", "20200331", "C", "4") + "\n");

        ReferenceOrganisation practice = good(rows.get(0));
        assertThat(practice.kind()).isEqualTo(OrganisationKind.GP_PRACTICE);
        assertThat(practice.code()).isEqualTo("A81001");
        assertThat(practice.name()).isEqualTo("THE DENSHAM SURGERY");
        assertThat(practice.settingType()).isEqualTo("GP practice");
        assertThat(practice.address().line1()).isEqualTo("THE HEALTH CENTRE");
        assertThat(practice.address().line2()).isEqualTo("LAWSON STREET");
        assertThat(practice.address().town()).isEqualTo("STOCKTON-ON-TEES");
        assertThat(practice.address().postcode().value()).isEqualTo("TS18 1HU");
        assertThat(practice.phone()).isEqualTo("01642 672351");
        assertThat(practice.localAuthority().value()).isEqualTo("E06000004");
        assertThat(practice.openedOn()).isEqualTo(LocalDate.of(1974, 4, 1));
        assertThat(practice.closed()).isFalse();
        assertThat(rows.get(1)).isEqualTo(new OrganisationReader.Skipped(2, "prescribing setting 2 is not a GP practice"));
        ReferenceOrganisation closed = good(rows.get(2));
        assertThat(closed.closed()).isTrue();
        assertThat(closed.closedOn()).isEqualTo(LocalDate.of(2020, 3, 31));
    }

    @Test
    void shouldRejectBadEpraccurRows() throws IOException {
        List<OrganisationReader.Row> rows = read(ReferenceSource.GP_PRACTICES,
                epraccur("A8100", "SHORT CODE", "19740401", "", "A", "4") + "\n"
                        + epraccur("A81003", "", "19740401", "", "A", "4") + "\n"
                        + epraccur("A81004", "BAD DATE", "19741341", "", "A", "4") + "\n"
                        + epraccur("A81005", "NO STATUS", "19740401", "", "X", "4") + "\n"
                        + "\"A81006\",\"TOO FEW\",\"Y63\"\n"
                        + epraccur("A81007", "NO SETTING", "19740401", "", "A", "") + "\n");

        assertThat(rows).extracting(r -> reject(r)).containsExactly(
                new Reject(1, "organisation_code", "is not a GP practice code: a letter and 5 digits"),
                new Reject(2, "name", "is required"),
                new Reject(3, "open_date", "is not a real date: use yyyyMMdd, as ODS publishes"),
                new Reject(4, "status_code", "is not an ODS status: A (active), C (closed), D (dormant) or P (proposed)"),
                new Reject(5, "row", "has 3 fields where epraccur has 27 (it has no header line): check for a lost field "
                        + "or an unquoted comma"),
                new Reject(6, "prescribing_setting", "is not a prescribing setting code: a number, 4 for a GP practice"));
    }
}
