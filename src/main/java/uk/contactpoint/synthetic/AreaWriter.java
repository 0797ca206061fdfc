package uk.contactpoint.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewChild.NewCarer;
import uk.contactpoint.directory.NewChild.NewInvolvement;
import uk.contactpoint.directory.NewChild.NewSetting;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.synthetic.PopulationGenerator.GeneratedFamily;
import uk.contactpoint.synthetic.PopulationGenerator.History;

/**
 * Turns one authority's generated families into CSV text: the truth rows and the five feeds, with the
 * feed errors seeded from the authority's own random stream (separate from the population's, so that
 * tuning an error rate never changes the population). Not thread-safe: one per authority.
 */
final class AreaWriter {

    /** What one batch of children became, in the order the files get it. */
    static final class Chunk {
        final StringBuilder[] text = new StringBuilder[OutputFile.values().length];
        /** Per feed, the child id of each row, in row order. */
        final List<List<String>> rowChildren = new ArrayList<>();
        /** Per feed, pairs of (row index within the chunk, error ordinal). */
        final List<List<int[]>> errors = new ArrayList<>();
        int children;
        final boolean last;
        final Throwable failure;

        Chunk(boolean last, Throwable failure) {
            this.last = last;
            this.failure = failure;
            for (int i = 0; i < text.length; i++) {
                text[i] = new StringBuilder(last ? 16 : 1 << 16);
            }
            for (int i = 0; i < OutputFile.FEEDS.length; i++) {
                rowChildren.add(new ArrayList<>());
                errors.add(new ArrayList<>());
            }
        }
    }

    // Births are registered within 42 days; the feed covers the last 15 months of registrations.
    private static final int BIRTHS_WINDOW_DAYS = 456;
    private static final double CHILD_BENEFIT_TAKE_UP = 0.92;
    private static final double NHS_UNREGISTERED = 0.005;
    private static final double NHS_LEFT_ENGLAND_KEPT = 0.5;
    private static final double PREFERRED_NAME = 0.04;
    private static final String[][] PHONETIC = {
            {"ph", "f"}, {"ck", "k"}, {"ie", "y"}, {"ey", "y"}, {"ll", "l"}, {"nn", "n"}, {"tt", "t"},
            {"mm", "m"}, {"ss", "s"}, {"ou", "ow"}, {"ae", "a"}, {"th", "t"}, {"c", "k"}, {"y", "i"},
            {"i", "y"}, {"s", "z"}};

    private final ReferenceData reference;
    private final SplittableRandom random;
    private final LocalDate today;
    private final List<NewOrganisation> organisations;
    private final long organisationBase;
    private final LocalAuthorityCode la;
    private final String townForBirths;
    private final int dfeNumber;
    private Chunk chunk = new Chunk(false, null);
    private int organisationsWritten;
    private final String[] row = new String[32];

    AreaWriter(ReferenceData reference, long seed, LocalDate today, List<NewOrganisation> organisations,
               long organisationBase, LocalAuthorityCode la, String townForBirths, int dfeNumber) {
        this.reference = reference;
        this.random = new SplittableRandom(seed);
        this.today = today;
        this.organisations = organisations;
        this.organisationBase = organisationBase;
        this.la = la;
        this.townForBirths = townForBirths;
        this.dfeNumber = dfeNumber;
    }

    /** Hands over what has been written so far and starts a new chunk. */
    Chunk take() {
        writeNewOrganisations();
        Chunk done = chunk;
        chunk = new Chunk(false, null);
        return done;
    }

    int childrenInChunk() {
        return chunk.children;
    }

    long organisationId(long index) {
        return organisationBase + index;
    }

    private void writeNewOrganisations() {
        StringBuilder out = chunk.text[OutputFile.ORGANISATIONS.ordinal()];
        for (; organisationsWritten < organisations.size(); organisationsWritten++) {
            NewOrganisation o = organisations.get(organisationsWritten);
            out.append(organisationId(organisationsWritten)).append(',').append(o.kind().name()).append(',');
            Csv.text(out, o.code());
            out.append(',');
            Csv.text(out, o.name());
            out.append(',').append(o.sector().name()).append(',');
            Csv.text(out, o.settingType());
            out.append(',');
            address(out, o.address());
            out.append(',');
            Csv.text(out, o.phone());
            out.append(',');
            Csv.text(out, o.email());
            out.append(',');
            Csv.text(out, o.localAuthority() == null ? null : o.localAuthority().value());
            out.append('\n');
            if (o.kind() == OrganisationKind.EDUCATION_SETTING) {
                gias(o);
            } else if (o.kind() == OrganisationKind.GP_PRACTICE) {
                epraccur(o);
            }
        }
    }

    /** GIAS establishment type and phase (code, name) of each generated kind of school. */
    private static final Map<String, String[]> GIAS_TYPES = Map.of(
            "NURSERY", new String[] {"15", "Local authority nursery school", "1", "Nursery"},
            "PRIMARY", new String[] {"1", "Community school", "2", "Primary"},
            "SECONDARY", new String[] {"28", "Academy sponsor led", "4", "Secondary"},
            "SPECIAL", new String[] {"7", "Community special school", "0", "Not applicable"});

    /** A school as DfE's Get Information about Schools lists it (OutputFile.GIAS columns). */
    private void gias(NewOrganisation o) {
        StringBuilder out = chunk.text[OutputFile.GIAS.ordinal()];
        String[] type = GIAS_TYPES.getOrDefault(o.settingType(), new String[] {"1", "Community school", "2", "Primary"});
        Address a = o.address();
        String[] r = {o.code(), Integer.toString(dfeNumber), townForBirths, null, o.name(), type[0], type[1], "1",
                "Open", null, null, type[2], type[3], a == null ? null : a.line1(), a == null ? null : a.line2(), null,
                a == null ? null : a.town(), null, a == null || a.postcode() == null ? null : a.postcode().value(),
                o.phone(), la.value()};
        for (int i = 0; i < r.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Csv.text(out, r[i]);
        }
        out.append('\n');
    }

    /** A GP practice as the ODS epraccur file lists it: 27 fields, each quoted as ODS publishes them. */
    private void epraccur(NewOrganisation o) {
        StringBuilder out = chunk.text[OutputFile.EPRACCUR.ordinal()];
        Address a = o.address();
        String[] r = new String[27];
        r[0] = o.code();
        r[1] = o.name();
        r[2] = "Y00";
        r[3] = "Q00";
        r[4] = a == null ? null : a.line1();
        r[5] = a == null ? null : a.line2();
        r[6] = a == null ? null : a.town();
        r[9] = a == null || a.postcode() == null ? null : a.postcode().value();
        r[12] = "A";
        r[13] = "B";
        r[14] = "00X";
        r[17] = o.phone();
        r[21] = "0";
        r[25] = "4";
        for (int i = 0; i < r.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            if (r[i] != null) {
                out.append(r[i].replace("\"", "\"\""));
            }
            out.append('"');
        }
        out.append('\n');
    }

    void family(GeneratedFamily family) {
        for (int i = 0; i < family.children().size(); i++) {
            child(family.familyId(), family.children().get(i), family.histories().get(i));
        }
    }

    private void child(long familyId, NewChild c, History h) {
        chunk.children++;
        String id = c.contactPointId().value();
        truth(id, familyId, c, h);
        boolean dead = c.dateOfDeath() != null;
        boolean leftEngland = c.whereabouts().leftEngland();
        births(id, c, h);
        if (!dead && !leftEngland) {
            schoolCensus(id, c, h);
            childBenefit(id, familyId, c, h);
        }
        nhs(id, c, h, leftEngland);
        if (!dead) {
            laServices(id, c, h);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Truth

    private void truth(String id, long familyId, NewChild c, History h) {
        StringBuilder out = chunk.text[OutputFile.CHILDREN.ordinal()];
        PersonName n = c.name();
        out.append(id).append(',').append(familyId).append(',');
        Csv.text(out, n.given());
        out.append(',');
        Csv.text(out, n.middle());
        out.append(',');
        Csv.text(out, n.family());
        out.append(',');
        Csv.text(out, formerSurname(c));
        out.append(',');
        Csv.date(out, c.dateOfBirth());
        out.append(',').append(sex(c.gender())).append(',').append(c.responsibleLa().value()).append(',')
                .append(c.whereabouts().name()).append(',');
        address(out, c.address());
        out.append(',');
        Csv.bool(out, c.shielded());
        out.append(',');
        Csv.bool(out, h.refuge());
        out.append(',').append(c.educationStatus().name()).append(',');
        Csv.date(out, c.dateOfDeath());
        out.append(',');
        Csv.date(out, h.movedOn());
        out.append(',');
        if (h.previousLa() != null) {
            out.append(h.previousLa().value());
        }
        out.append(',');
        address(out, h.previousAddress());
        out.append(',');
        if (h.birthName() != null) {
            Csv.text(out, h.birthName().given());
            out.append(',');
            Csv.text(out, h.birthName().family());
        } else {
            out.append(',');
        }
        out.append('\n');

        StringBuilder carers = chunk.text[OutputFile.CARERS.ordinal()];
        int number = 1;
        for (NewCarer carer : c.carers()) {
            carers.append(id).append(',').append(number++).append(',').append(carer.relationship().name()).append(',');
            Csv.text(carers, carer.name().given());
            carers.append(',');
            Csv.text(carers, carer.name().family());
            carers.append(',');
            Csv.bool(carers, carer.parentalResponsibility());
            carers.append(',');
            Csv.bool(carers, carer.hasCare());
            carers.append(',');
            address(carers, carer.address());
            carers.append(',');
            Csv.text(carers, carer.phone());
            carers.append(',');
            Csv.text(carers, carer.email());
            carers.append('\n');
        }

        StringBuilder settings = chunk.text[OutputFile.SETTINGS.ordinal()];
        for (NewSetting s : c.settings()) {
            settings.append(id).append(',').append(s.kind().name()).append(',')
                    .append(organisationId(s.organisationId())).append(',');
            Csv.date(settings, s.startDate());
            settings.append(',');
            Csv.date(settings, s.endDate());
            settings.append('\n');
        }

        StringBuilder involvements = chunk.text[OutputFile.INVOLVEMENTS.ordinal()];
        for (NewInvolvement i : c.involvements()) {
            involvements.append(id).append(',').append(i.serviceType().name()).append(',')
                    .append(organisationId(i.organisationId())).append(',');
            Csv.text(involvements, i.practitionerName());
            involvements.append(',');
            Csv.text(involvements, i.teamName());
            involvements.append(',');
            Csv.text(involvements, i.role());
            involvements.append(',');
            Csv.text(involvements, i.phone());
            involvements.append(',');
            Csv.text(involvements, i.email());
            involvements.append(',');
            Csv.date(involvements, i.startDate());
            involvements.append(',');
            Csv.date(involvements, i.endDate());
            involvements.append(',');
            Csv.bool(involvements, i.leadProfessional());
            involvements.append(',');
            Csv.bool(involvements, i.cafHolder());
            involvements.append(',');
            Csv.bool(involvements, i.serviceType().sensitive());
            involvements.append('\n');
        }

        StringBuilder identifiers = chunk.text[OutputFile.IDENTIFIERS.ordinal()];
        for (SourceIdentifier identifier : c.identifiers()) {
            identifiers.append(id).append(',').append(identifier.scheme().name()).append(',')
                    .append(identifier.value()).append('\n');
        }
        if (h.preAdoptionNhs() != null) {
            identifiers.append(id).append(",PRE_ADOPTION_NHS_NUMBER,").append(h.preAdoptionNhs()).append('\n');
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Feeds

    private void births(String id, NewChild c, History h) {
        LocalDate dob = c.dateOfBirth();
        LocalDate registered = dob.plusDays(random.nextInt(5, 43));
        if (dob.isBefore(today.minusDays(BIRTHS_WINDOW_DAYS)) || registered.isAfter(today)) {
            return;
        }
        NewCarer mother = carer(c, Relationship.MOTHER);
        NewCarer father = carer(c, Relationship.FATHER);
        PersonName name = h.birthName() != null ? h.birthName() : c.name();
        String surname = h.birthName() != null ? name.family() : firstNonNull(formerSurname(c), name.family());
        // The registration shows the mother's address then: before the move, if the family moved since.
        Address address = h.movedOn() != null && h.movedOn().isAfter(registered) ? h.previousAddress()
                : mother != null && mother.address() != null ? mother.address() : c.address();
        String[] r = row;
        r[0] = "BR" + id.substring(1);
        r[1] = name.given();
        r[2] = h.birthName() != null ? null : name.middle();
        r[3] = surname;
        r[4] = sex(c.gender());
        r[5] = date(dob);
        r[6] = random.nextDouble() < 0.025 ? "Home" : townForBirths + " Maternity Unit";
        r[7] = mother == null ? null : mother.name().given();
        r[8] = mother == null ? null : mother.name().family();
        r[9] = father == null ? null : father.name().given();
        r[10] = father == null ? null : father.name().family();
        putAddress(r, 11, address);
        r[15] = date(registered);
        emit(OutputFile.BIRTHS, id, r, 1, 3, 5, 4, 14, -1, address != null && address == h.previousAddress());
    }

    private void schoolCensus(String id, NewChild c, History h) {
        String upn = identifier(c, SourceIdentifier.Scheme.UPN);
        NewSetting school = setting(c, Setting.Kind.EDUCATION);
        if (upn == null || school == null || c.educationStatus() != EducationStatus.AT_SCHOOL) {
            return;
        }
        boolean old = movedWithin(h, 120);
        Address address = old ? h.previousAddress() : c.address();
        String[] r = row;
        r[0] = upn;
        r[1] = c.name().given();
        r[2] = c.name().middle();
        r[3] = c.name().family();
        String[] variants = reference.forenameVariants(c.name().given());
        r[4] = variants.length > 0 && random.nextDouble() < PREFERRED_NAME
                ? variants[random.nextInt(variants.length)] : null;
        r[5] = formerSurname(c);
        r[6] = date(c.dateOfBirth());
        r[7] = sex(c.gender());
        putAddress(r, 8, address);
        r[12] = organisations.get((int) school.organisationId()).code();
        r[13] = date(school.startDate());
        emit(OutputFile.SCHOOL_CENSUS, id, r, 1, 3, 6, 7, 11, -1, old);
    }

    private void childBenefit(String id, long familyId, NewChild c, History h) {
        int age = age(c.dateOfBirth());
        boolean eligible = age < 16 || c.educationStatus() == EducationStatus.AT_SCHOOL;
        if (!eligible || carer(c, Relationship.LOCAL_AUTHORITY) != null || random.nextDouble() >= CHILD_BENEFIT_TAKE_UP) {
            return;
        }
        NewCarer claimant = null;
        int claimantNumber = 0;
        for (NewCarer carer : c.carers()) {
            claimantNumber++;
            if (carer.hasCare() && carer.name().given() != null && carer.address() != null) {
                claimant = carer;
                break;
            }
        }
        if (claimant == null) {
            return;
        }
        boolean old = h.previousAddress() != null && random.nextDouble() < 0.3;
        Address address = old ? h.previousAddress() : claimant.address();
        String[] r = row;
        r[0] = "CHB" + familyId + "-" + claimantNumber;
        r[1] = claimant.name().given();
        r[2] = claimant.name().family();
        r[3] = SyntheticIdentifiers.nino(familyId * 8 + claimantNumber);
        putAddress(r, 4, address);
        r[8] = c.name().given();
        r[9] = c.name().middle();
        r[10] = c.name().family();
        r[11] = date(c.dateOfBirth());
        r[12] = sex(c.gender());
        emit(OutputFile.CHILD_BENEFIT, id, r, 8, 10, 11, 12, 7, -1, old);
    }

    private void nhs(String id, NewChild c, History h, boolean leftEngland) {
        if (random.nextDouble() < NHS_UNREGISTERED || leftEngland && random.nextDouble() >= NHS_LEFT_ENGLAND_KEPT) {
            return;
        }
        NewSetting gp = setting(c, Setting.Kind.PRIMARY_CARE);
        boolean old = h.previousAddress() != null && random.nextDouble() < 0.2;
        Address address = old ? h.previousAddress() : c.address();
        String[] r = row;
        r[0] = identifier(c, SourceIdentifier.Scheme.NHS_NUMBER);
        r[1] = c.name().given();
        r[2] = c.name().middle();
        r[3] = c.name().family();
        r[4] = date(c.dateOfBirth());
        r[5] = sex(c.gender());
        putAddress(r, 6, address);
        r[10] = gp == null ? null : organisations.get((int) gp.organisationId()).code();
        r[11] = gp == null ? null : date(gp.startDate());
        r[12] = date(c.dateOfDeath());
        emit(OutputFile.NHS_DEMOGRAPHICS, id, r, 1, 3, 4, 5, 9, 0, old);
        // Half the adopted children still have their pre-adoption record in the extract: the same date of
        // birth under the birth name and the old number, which ingestion must never link to the new identity.
        if (h.preAdoptionNhs() != null && random.nextDouble() < 0.5) {
            r[0] = h.preAdoptionNhs();
            r[1] = h.birthName().given();
            r[2] = null;
            r[3] = h.birthName().family();
            r[4] = date(c.dateOfBirth());
            r[5] = sex(c.gender());
            putAddress(r, 6, null);
            r[10] = null;
            r[11] = null;
            r[12] = null;
            emit(OutputFile.NHS_DEMOGRAPHICS, id, r, 1, 3, 4, 5, 9, 0, false);
        }
    }

    private void laServices(String id, NewChild c, History h) {
        int n = 0;
        for (NewInvolvement i : c.involvements()) {
            n++;
            NewOrganisation organisation = organisations.get((int) i.organisationId());
            boolean old = h.previousAddress() != null && random.nextDouble() < 0.1;
            Address address = old ? h.previousAddress() : c.address();
            String[] r = row;
            r[0] = organisation.code() + "-" + id.substring(4) + "-" + n;
            r[1] = c.name().given();
            r[2] = c.name().middle();
            r[3] = c.name().family();
            r[4] = date(c.dateOfBirth());
            r[5] = sex(c.gender());
            putAddress(r, 6, address);
            r[10] = i.serviceType().name();
            r[11] = organisation.code();
            r[12] = organisation.name();
            r[13] = i.practitionerName();
            r[14] = i.teamName();
            r[15] = i.role();
            r[16] = i.phone();
            r[17] = i.email();
            r[18] = date(i.startDate());
            r[19] = date(i.endDate());
            r[20] = i.leadProfessional() ? "Y" : "N";
            r[21] = i.cafHolder() ? "Y" : "N";
            boolean sensitive = i.serviceType().sensitive();
            r[22] = sensitive ? "Y" : "N";
            double consent = random.nextDouble();
            r[23] = !sensitive ? null : consent < 0.6 ? "CHILD" : consent < 0.95 ? "PARENT" : "SIGNIFICANT_HARM";
            emit(OutputFile.LA_SERVICES, id, r, 1, 3, 4, 5, 9, -1, old);
        }
    }

    /**
     * Seeds errors into a row and appends it. The indexes say where the row keeps the child's forename,
     * surname, date of birth, sex, postcode and NHS number (-1 when it has none).
     */
    private void emit(OutputFile file, String childId, String[] r, int forename, int surname, int dob, int sex,
                      int postcode, int nhs, boolean oldAddress) {
        int feed = file.ordinal();
        List<String> rows = chunk.rowChildren.get(feed);
        int rowIndex = rows.size();
        rows.add(childId);
        List<int[]> errors = chunk.errors.get(feed);
        if (oldAddress) {
            errors.add(new int[] {rowIndex, FeedError.OLD_ADDRESS.ordinal()});
        }
        String given = r[forename];
        if (given != null && given.length() > 2 && random.nextDouble() < FeedError.FORENAME_TYPO.rate) {
            r[forename] = typo(given);
            errors.add(new int[] {rowIndex, FeedError.FORENAME_TYPO.ordinal()});
        } else if (given != null) {
            String[] variants = reference.forenameVariants(given);
            if (variants.length > 0 && random.nextDouble() < FeedError.NICKNAME.rate) {
                r[forename] = variants[random.nextInt(variants.length)];
                errors.add(new int[] {rowIndex, FeedError.NICKNAME.ordinal()});
            }
        }
        String family = r[surname];
        if (family != null) {
            double e = random.nextDouble();
            String[] variants = reference.surnameVariants(family);
            String phonetic = phonetic(family);
            if (family.length() > 2 && e < FeedError.SURNAME_TYPO.rate) {
                r[surname] = typo(family);
                errors.add(new int[] {rowIndex, FeedError.SURNAME_TYPO.ordinal()});
            } else if (variants.length > 0 && random.nextDouble() < FeedError.SURNAME_VARIANT.rate) {
                r[surname] = variants[random.nextInt(variants.length)];
                errors.add(new int[] {rowIndex, FeedError.SURNAME_VARIANT.ordinal()});
            } else if (phonetic != null && random.nextDouble() < FeedError.PHONETIC_SPELLING.rate) {
                r[surname] = phonetic;
                errors.add(new int[] {rowIndex, FeedError.PHONETIC_SPELLING.ordinal()});
            }
        }
        String date = r[dob];
        if (date != null && random.nextDouble() < FeedError.DAY_MONTH_SWAPPED.rate) {
            String month = date.substring(5, 7);
            String day = date.substring(8, 10);
            if (day.charAt(0) == '0' || day.equals("10") || day.equals("11") || day.equals("12")) {
                if (!day.equals(month)) {
                    r[dob] = date.substring(0, 5) + day + "-" + month;
                    errors.add(new int[] {rowIndex, FeedError.DAY_MONTH_SWAPPED.ordinal()});
                }
            }
        }
        if (r[postcode] != null && random.nextDouble() < FeedError.MISSING_POSTCODE.rate) {
            r[postcode] = null;
            errors.add(new int[] {rowIndex, FeedError.MISSING_POSTCODE.ordinal()});
        }
        if (r[sex] != null && random.nextDouble() < FeedError.MISSING_SEX.rate) {
            r[sex] = null;
            errors.add(new int[] {rowIndex, FeedError.MISSING_SEX.ordinal()});
        }
        if (r[forename] != null && random.nextDouble() < FeedError.MISSING_FORENAME.rate) {
            r[forename] = null;
            errors.add(new int[] {rowIndex, FeedError.MISSING_FORENAME.ordinal()});
        }
        int columns = file.columns;
        if (nhs >= 0 && random.nextDouble() < FeedError.BAD_NHS_CHECK_DIGIT.rate) {
            r[nhs] = SyntheticIdentifiers.withWrongCheckDigit(r[nhs]);
            errors.add(new int[] {rowIndex, FeedError.BAD_NHS_CHECK_DIGIT.ordinal()});
        }
        if (random.nextDouble() < FeedError.BAD_DATE.rate) {
            // Not a date in any calendar: a 13th month, or the 30th of February.
            String year = r[dob] == null ? "2015" : r[dob].substring(0, 4);
            r[dob] = random.nextBoolean() ? year + "-13-" + (10 + random.nextInt(18)) : year + "-02-30";
            errors.add(new int[] {rowIndex, FeedError.BAD_DATE.ordinal()});
        }
        if (random.nextDouble() < FeedError.WRONG_COLUMN_COUNT.rate) {
            // A field lost or a stray separator added by the supplier's export.
            columns += random.nextBoolean() ? -1 : 1;
            r[file.columns] = null;
            errors.add(new int[] {rowIndex, FeedError.WRONG_COLUMN_COUNT.ordinal()});
        }
        StringBuilder out = chunk.text[feed];
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                out.append(',');
            }
            Csv.text(out, r[i]);
        }
        out.append('\n');
    }

    /** One keying slip: a letter replaced, dropped, doubled or swapped with its neighbour. */
    private String typo(String name) {
        int at = 1 + random.nextInt(name.length() - 1);
        char letter = (char) ('a' + random.nextInt(26));
        String out;
        switch (random.nextInt(4)) {
            case 0 -> out = name.substring(0, at) + letter + name.substring(at + 1);
            case 1 -> out = name.substring(0, at) + name.substring(at + 1);
            case 2 -> out = name.substring(0, at) + name.charAt(at) + name.substring(at);
            default -> out = name.substring(0, at - 1) + name.charAt(at) + name.charAt(at - 1) + name.substring(at + 1);
        }
        if (out.equals(name)) {
            char replacement = name.charAt(at) == 'e' ? 'a' : 'e';
            out = name.substring(0, at) + replacement + name.substring(at + 1);
        }
        return out;
    }

    /** The name spelt as it sounds, by the first rule that applies after the first letter; null if none does. */
    static String phonetic(String name) {
        if (name.length() < 3) {
            return null;
        }
        String head = name.substring(0, 1);
        String tail = name.substring(1);
        for (String[] rule : PHONETIC) {
            int at = tail.indexOf(rule[0]);
            if (at >= 0) {
                return head + tail.substring(0, at) + rule[1] + tail.substring(at + rule[0].length());
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------

    private boolean movedWithin(History h, int days) {
        return h.movedOn() != null && h.previousAddress() != null && h.movedOn().isAfter(today.minusDays(days));
    }

    private int age(LocalDate dob) {
        int age = today.getYear() - dob.getYear();
        if (today.getDayOfYear() < dob.getDayOfYear()) {
            age--;
        }
        return age;
    }

    private static String formerSurname(NewChild c) {
        for (OtherName other : c.otherNames()) {
            if (other.kind() == OtherName.Kind.FORMER && !other.family().equals(c.name().family())) {
                return other.family();
            }
        }
        return null;
    }

    private static NewCarer carer(NewChild c, Relationship relationship) {
        for (NewCarer carer : c.carers()) {
            if (carer.relationship() == relationship) {
                return carer;
            }
        }
        return null;
    }

    private static NewSetting setting(NewChild c, Setting.Kind kind) {
        for (NewSetting s : c.settings()) {
            if (s.kind() == kind && s.endDate() == null) {
                return s;
            }
        }
        return null;
    }

    private static String identifier(NewChild c, SourceIdentifier.Scheme scheme) {
        for (SourceIdentifier identifier : c.identifiers()) {
            if (identifier.scheme() == scheme) {
                return identifier.value();
            }
        }
        return null;
    }

    private static void putAddress(String[] r, int at, Address address) {
        r[at] = address == null ? null : address.line1();
        r[at + 1] = address == null ? null : address.line2();
        r[at + 2] = address == null ? null : address.town();
        r[at + 3] = address == null || address.postcode() == null ? null : address.postcode().value();
    }

    private static void address(StringBuilder out, Address address) {
        if (address == null) {
            out.append(",,,");
            return;
        }
        Csv.text(out, address.line1());
        out.append(',');
        Csv.text(out, address.line2());
        out.append(',');
        Csv.text(out, address.town());
        out.append(',');
        Csv.text(out, address.postcode() == null ? null : address.postcode().value());
    }

    private static String date(LocalDate date) {
        if (date == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(10);
        Csv.date(out, date);
        return out.toString();
    }

    static String sex(Gender gender) {
        return gender == Gender.MALE ? "M" : gender == Gender.FEMALE ? "F" : "U";
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    @Override
    public String toString() {
        return "AreaWriter[la=" + la + "]";
    }
}
