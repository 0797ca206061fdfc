package uk.contactpoint.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.ReferenceOrganisation;

/**
 * Reads an organisation reference file in its publisher's layout, one row at a time (ADR 16): GIAS
 * {@code edubasealldata} (a header line; about 130 columns, found by name, the rest ignored; dates
 * {@code dd-MM-yyyy}) or ODS {@code epraccur} (no header; 27 columns by position; dates {@code yyyyMMdd}). The
 * file may be UTF-8 or Windows-1252 (GIAS publishes the latter): a file that is not valid UTF-8 is read as
 * Windows-1252. Every row becomes a {@link Good} organisation, a {@link Rejected} row with its reason, or a
 * {@link Skipped} row that is valid but not for the directory (an ODS prescribing cost centre that is not a GP
 * practice). Needs no database: the authority comes from the file or the postcode, by the reference data in
 * the jar.
 */
public final class OrganisationReader implements Closeable {

    /** What one data row became. */
    public sealed interface Row permits Good, Skipped, Rejected {
        /** The 1-based data row (a GIAS header is row 0; epraccur has none, so its first line is row 1). */
        long row();
    }

    public record Good(long row, ReferenceOrganisation organisation) implements Row {
    }

    /** A valid row the directory does not hold, and why. */
    public record Skipped(long row, String reason) implements Row {
    }

    public record Rejected(Reject reject) implements Row {
        @Override
        public long row() {
            return reject.row();
        }
    }

    /** The GIAS columns read; a file without any of them is refused. */
    static final List<String> GIAS_COLUMNS = List.of("URN", "LA (code)", "LA (name)", "EstablishmentName",
            "TypeOfEstablishment (name)", "EstablishmentStatus (name)", "PhaseOfEducation (name)", "Street",
            "Locality", "Address3", "Town", "County (name)", "Postcode", "TelephoneNum", "CloseDate");
    /** Read when present: real files have them, a hand-made one may not. */
    static final List<String> GIAS_OPTIONAL = List.of("OpenDate", "GSSLACode (name)");
    static final int EPRACCUR_COLUMNS = 27;
    /** The prescribing setting of a GP practice, the only kind of prescribing cost centre the directory holds. */
    static final String GP_PRACTICE_SETTING = "4";

    private static final Set<String> GIAS_STATUSES = Set.of("Open", "Closed", "Open, but proposed to close",
            "Proposed to open");
    private static final Set<String> ODS_STATUSES = Set.of("A", "C", "D", "P");
    private static final Pattern URN = Pattern.compile("[1-9][0-9]{5}");
    private static final Pattern ODS_CODE = Pattern.compile("[A-Z][0-9]{5}");
    private static final Pattern SETTING = Pattern.compile("[0-9]{1,3}");
    private static final DateTimeFormatter GIAS_DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ODS_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int MAX_NAME = 200;
    private static final int MAX_LINE = 200;
    private static final int MAX_TOWN = 100;
    private static final int MAX_PHONE = 30;
    private static final int MAX_SETTING = 100;

    private final ReferenceSource source;
    private final CsvReader csv;
    private final CountingInputStream counter;
    private final Charset charset;
    private final Authorities authorities;
    private final Map<String, Long> seen = new HashMap<>();
    private Map<String, Integer> columns;
    private int width;
    private long row;

    private OrganisationReader(ReferenceSource source, Reader reader, CountingInputStream counter, Charset charset)
            throws IOException {
        this.source = source;
        this.csv = new CsvReader(reader);
        this.counter = counter;
        this.charset = charset;
        this.authorities = Authorities.get();
        if (source == ReferenceSource.SCHOOLS) {
            try {
                readGiasHeader(csv.next());
            } catch (RuntimeException | IOException e) {
                csv.close();
                throw e;
            }
        }
    }

    /**
     * Opens a reference file, UTF-8 or Windows-1252, and for GIAS checks its header.
     *
     * @throws FeedRefusedException when a GIAS file is empty or lacks a column the directory reads
     */
    public static OrganisationReader open(ReferenceSource source, Path file) throws IOException {
        Charset charset = charset(file);
        CountingInputStream counter = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        return new OrganisationReader(source, new InputStreamReader(counter, charset), counter, charset);
    }

    /** Reads a reference file from text already decoded (tests). */
    static OrganisationReader of(ReferenceSource source, Reader text) throws IOException {
        return new OrganisationReader(source, text, null, null);
    }

    /** UTF-8 if every byte of the file decodes as UTF-8 (a byte order mark included), else Windows-1252. */
    static Charset charset(Path file) throws IOException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader in = new InputStreamReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), strict)) {
            char[] buffer = new char[1 << 14];
            while (in.read(buffer) >= 0) {
                // decoding is the check
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return WINDOWS_1252;
        }
    }

    /** The character set the file was read in (null when given text already decoded). */
    public Charset charset() {
        return charset;
    }

    public ReferenceSource source() {
        return source;
    }

    /** The data rows read so far. */
    public long rowsRead() {
        return row;
    }

    /** Bytes of the file consumed so far (for progress); 0 when reading from a {@link Reader}. */
    public long bytesRead() {
        return counter == null ? 0 : counter.count();
    }

    /** The next data row, or null at the end of the file. Blank lines are skipped and not counted. */
    public Row next() throws IOException {
        while (true) {
            String[] fields = csv.next();
            if (fields == null) {
                return null;
            }
            if (fields.length == 1 && fields[0].isBlank()) {
                continue;
            }
            long at = ++row;
            Row result = source == ReferenceSource.SCHOOLS ? gias(at, fields) : epraccur(at, fields);
            if (result instanceof Good good) {
                Long first = seen.putIfAbsent(good.organisation().code(), at);
                if (first != null) {
                    return reject(at, source.codeField(), "appears again in the file (first at row " + first
                            + "): each organisation once");
                }
            }
            return result;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // GIAS edubasealldata

    private void readGiasHeader(String[] header) {
        if (header == null || header.length == 1 && header[0].isBlank()) {
            throw new FeedRefusedException("The schools file is empty: it must be a GIAS edubasealldata file, whose "
                    + "first line names its columns (" + String.join(", ", GIAS_COLUMNS) + ", ...)");
        }
        columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.putIfAbsent(header[i].strip().toLowerCase(Locale.ROOT), i);
        }
        width = header.length;
        List<String> missing = new ArrayList<>();
        for (String column : GIAS_COLUMNS) {
            if (!columns.containsKey(column.toLowerCase(Locale.ROOT))) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new FeedRefusedException("The schools file is not in the GIAS edubasealldata layout, so no row was "
                    + "read: missing column(s) " + String.join(", ", missing) + ". Download \"establishment fields\" "
                    + "(all establishments) from Get Information about Schools.");
        }
    }

    private String gias(String[] fields, String column) {
        Integer at = columns.get(column.toLowerCase(Locale.ROOT));
        if (at == null) {
            return null;
        }
        String value = fields[at].strip();
        return value.isEmpty() ? null : value;
    }

    private Row gias(long at, String[] fields) {
        if (fields.length != width) {
            return reject(at, "row", "has " + fields.length + " fields where the header has " + width
                    + ": check for a lost field or an unquoted comma");
        }
        String urn = gias(fields, "URN");
        if (urn == null) {
            return reject(at, "URN", "is required");
        }
        if (!URN.matcher(urn).matches()) {
            return reject(at, "URN", "is not a URN: 6 digits, the first not 0");
        }
        String name = gias(fields, "EstablishmentName");
        if (name == null) {
            return reject(at, "EstablishmentName", "is required");
        }
        String type = gias(fields, "TypeOfEstablishment (name)");
        if (type == null) {
            return reject(at, "TypeOfEstablishment (name)", "is required");
        }
        String status = gias(fields, "EstablishmentStatus (name)");
        if (status == null || !GIAS_STATUSES.contains(status)) {
            return reject(at, "EstablishmentStatus (name)",
                    "is not a GIAS establishment status: Open, Closed, Open, but proposed to close, or Proposed to open");
        }
        LocalDate opened;
        LocalDate closedOn;
        try {
            opened = date(gias(fields, "OpenDate"), GIAS_DATE);
        } catch (DateTimeParseException e) {
            return reject(at, "OpenDate", "is not a real date: use dd-MM-yyyy, as GIAS publishes");
        }
        try {
            closedOn = date(gias(fields, "CloseDate"), GIAS_DATE);
        } catch (DateTimeParseException e) {
            return reject(at, "CloseDate", "is not a real date: use dd-MM-yyyy, as GIAS publishes");
        }
        if (opened != null && closedOn != null && closedOn.isBefore(opened)) {
            return reject(at, "CloseDate", "is before the OpenDate");
        }
        String phase = gias(fields, "PhaseOfEducation (name)");
        String setting = phase == null || phase.equalsIgnoreCase("Not applicable") ? type : type + " (" + phase + ")";
        String line2 = join(gias(fields, "Locality"), gias(fields, "Address3"));
        String town = gias(fields, "Town") != null ? gias(fields, "Town") : gias(fields, "County (name)");
        Row tooLong = longest(at, new String[] {"EstablishmentName", "TypeOfEstablishment (name)", "Street",
                "Locality", "Town", "TelephoneNum"}, new String[] {name, setting, gias(fields, "Street"), line2, town,
                gias(fields, "TelephoneNum")}, new int[] {MAX_NAME, MAX_SETTING, MAX_LINE, MAX_LINE, MAX_TOWN, MAX_PHONE});
        if (tooLong != null) {
            return tooLong;
        }
        Postcode postcode = postcode(gias(fields, "Postcode"));
        LocalAuthorityCode la = authorities.resolve(gias(fields, "GSSLACode (name)"), gias(fields, "LA (name)"),
                postcode);
        return new Good(at, new ReferenceOrganisation(source.kind(), urn, name, setting,
                address(gias(fields, "Street"), line2, town, postcode), gias(fields, "TelephoneNum"), la, opened,
                status.equals("Closed"), closedOn));
    }

    // ---------------------------------------------------------------------------------------------------------
    // ODS epraccur

    private Row epraccur(long at, String[] raw) {
        if (raw.length != EPRACCUR_COLUMNS) {
            return reject(at, "row", "has " + raw.length + " fields where epraccur has " + EPRACCUR_COLUMNS
                    + " (it has no header line): check for a lost field or an unquoted comma");
        }
        String[] f = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String value = raw[i].strip();
            f[i] = value.isEmpty() ? null : value;
        }
        String setting = f[25];
        if (setting == null || !SETTING.matcher(setting).matches()) {
            return reject(at, "prescribing_setting", "is not a prescribing setting code: a number, 4 for a GP practice");
        }
        if (!setting.equals(GP_PRACTICE_SETTING)) {
            return new Skipped(at, "prescribing setting " + setting + " is not a GP practice");
        }
        String code = f[0] == null ? null : f[0].toUpperCase(Locale.ROOT);
        if (code == null) {
            return reject(at, "organisation_code", "is required");
        }
        if (!ODS_CODE.matcher(code).matches()) {
            return reject(at, "organisation_code", "is not a GP practice code: a letter and 5 digits");
        }
        if (f[1] == null) {
            return reject(at, "name", "is required");
        }
        LocalDate opened;
        LocalDate closedOn;
        try {
            opened = date(f[10], ODS_DATE);
        } catch (DateTimeParseException e) {
            return reject(at, "open_date", "is not a real date: use yyyyMMdd, as ODS publishes");
        }
        try {
            closedOn = date(f[11], ODS_DATE);
        } catch (DateTimeParseException e) {
            return reject(at, "close_date", "is not a real date: use yyyyMMdd, as ODS publishes");
        }
        if (opened != null && closedOn != null && closedOn.isBefore(opened)) {
            return reject(at, "close_date", "is before the open date");
        }
        if (f[12] == null || !ODS_STATUSES.contains(f[12])) {
            return reject(at, "status_code", "is not an ODS status: A (active), C (closed), D (dormant) or P (proposed)");
        }
        String town = f[6] != null ? f[6] : f[7];
        Row tooLong = longest(at, new String[] {"name", "address_line_1", "address_line_2", "address_line_3",
                "contact_telephone_number"}, new String[] {f[1], f[4], f[5], town, f[17]},
                new int[] {MAX_NAME, MAX_LINE, MAX_LINE, MAX_TOWN, MAX_PHONE});
        if (tooLong != null) {
            return tooLong;
        }
        Postcode postcode = postcode(f[9]);
        LocalAuthorityCode la = authorities.resolve(null, null, postcode);
        return new Good(at, new ReferenceOrganisation(source.kind(), code, f[1], "GP practice",
                address(f[4], f[5], town, postcode), f[17], la, opened, f[12].equals("C"), closedOn));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Row reject(long at, String field, String reason) {
        return new Rejected(new Reject(at, field, reason));
    }

    private static Row longest(long at, String[] names, String[] values, int[] limits) {
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null && values[i].length() > limits[i]) {
                return reject(at, names[i], "is longer than " + limits[i] + " characters");
            }
        }
        return null;
    }

    private static LocalDate date(String text, DateTimeFormatter format) {
        return text == null ? null : LocalDate.parse(text, format);
    }

    /** A postcode that is not a UK one is left out (a gap, as in the feeds), never a reason to lose the row. */
    private static Postcode postcode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new Postcode(text);
        } catch (InvalidValueException e) {
            return null;
        }
    }

    private static Address address(String line1, String line2, String town, Postcode postcode) {
        if (line1 == null && line2 == null && town == null && postcode == null) {
            return null;
        }
        return new Address(line1, line2, town, postcode);
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + ", " + b;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    /**
     * The children's services authority of an organisation: the GSS code the file gives when it is an upper-tier
     * one, else the authority's name as GIAS spells it, else the postcode district (the first authority of a
     * district that spans two). Unknown (null) otherwise; the directory then keeps what it had.
     */
    static final class Authorities {
        static final String RESOURCE = "reference/england_153_upper_tier_local_authorities.csv";
        private static volatile Authorities instance;

        private final Set<String> codes;
        private final Map<String, LocalAuthorityCode> byName;
        private final PostcodeDistricts districts;

        private Authorities(Set<String> codes, Map<String, LocalAuthorityCode> byName, PostcodeDistricts districts) {
            this.codes = codes;
            this.byName = byName;
            this.districts = districts;
        }

        static Authorities get() {
            Authorities a = instance;
            if (a == null) {
                a = load();
                instance = a;
            }
            return a;
        }

        private static Authorities load() {
            Set<String> codes = new java.util.HashSet<>();
            Map<String, LocalAuthorityCode> byName = new HashMap<>();
            try (InputStream in = OrganisationReader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                CsvReader reader = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                reader.next();
                String[] f;
                while ((f = reader.next()) != null) {
                    if (f.length < 4) {
                        continue;
                    }
                    LocalAuthorityCode code = new LocalAuthorityCode(f[1]);
                    codes.add(code.value());
                    byName.putIfAbsent(normalise(f[2]), code);
                    byName.putIfAbsent(normalise(f[3]), code);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Authorities(codes, byName, PostcodeDistricts.load());
        }

        LocalAuthorityCode resolve(String gss, String name, Postcode postcode) {
            if (gss != null) {
                try {
                    LocalAuthorityCode code = new LocalAuthorityCode(gss);
                    if (codes.contains(code.value())) {
                        return code;
                    }
                } catch (InvalidValueException e) {
                    // a district council (E07) or another country: try the name
                }
            }
            if (name != null) {
                LocalAuthorityCode code = byName.get(normalise(name));
                if (code != null) {
                    return code;
                }
            }
            return postcode == null ? null : districts.authority(postcode.district()).orElse(null);
        }

        /** A name reduced to its letters, without the City of or County of that GIAS adds (Bristol, City of). */
        static String normalise(String name) {
            String s = name.toLowerCase(Locale.ROOT).replace("&", " and ");
            s = s.replace(", city of", "").replace(", county of", "").replace("city of ", "").replace("county of ", "");
            return s.replaceAll("[^a-z]", "");
        }
    }
}
