package uk.contactpoint.synthetic;

import static java.time.temporal.ChronoUnit.DAYS;
import static java.time.temporal.ChronoUnit.YEARS;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import uk.contactpoint.access.Role;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewChild.NewCarer;
import uk.contactpoint.directory.NewChild.NewInvolvement;
import uk.contactpoint.directory.NewChild.NewSetting;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Upn;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.synthetic.DemoPopulation.Authority;
import uk.contactpoint.synthetic.DemoPopulation.DemoAccount;
import uk.contactpoint.synthetic.DemoPopulation.Family;

/**
 * Builds a {@link DemoPopulation} from one seeded random stream. Draws happen in a fixed order, so any
 * change here changes every later value for a given seed: that is expected, but it means fixtures must not
 * hard-code generated names.
 *
 * <p>The rates are chosen to make a demo show every feature on a few thousand children, not to mirror
 * England: children in care, shielded records and sensitive services are all commoner here than in life.
 */
final class PopulationGenerator {

    private static final String SOURCE = DemoPopulation.SOURCE;

    // Real postcodes are preferred; below this many the pool is topped up with made-up ones in the same
    // districts so that families do not all share a handful of postcodes.
    private static final int MIN_REAL_POSTCODES = 20;
    private static final int TOPPED_UP_POSTCODES = 40;
    private static final Pattern DISTRICT_SHAPE = Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?");
    private static final Pattern LEADING_LETTERS = Pattern.compile("^[A-Z]+");
    // Royal Mail never uses C, I, K, M, O or V in the inward code.
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    // Family sizes 1-4 (mean about 1.9 children), so that there are many sibling groups to search for.
    private static final double[] FAMILY_SIZE_CUMULATIVE = {0.42, 0.78, 0.93, 1.0};

    private static final double TWINS = 0.04;
    private static final int MAX_INVOLVEMENTS = 3;

    /**
     * The rates that differ between a demo (every feature visible on a few thousand children) and a
     * population meant to look like England's (used by the national generator and its tests).
     *
     * @param shieldedFamily   share of families at a current address whose record is shielded
     * @param inCare           share of households that are a foster placement of children in care
     * @param socialCare       share of other households with a social worker
     * @param earlyHelp        share of the rest with an early help worker
     * @param sensitiveTeen    share of 13-17 year olds with a sensitive service
     * @param sensitive8to12   share of 8-12 year olds with CAMHS
     * @param notSpecified     share of children whose gender is recorded as not specified
     * @param hardCases        whether to add adoptions with a new identity, deaths and recent moves
     */
    record Rates(double shieldedFamily, double inCare, double socialCare, double earlyHelp, double sensitiveTeen,
                 double sensitive8to12, double notSpecified, boolean hardCases) {

        static final Rates DEMO = new Rates(0.02, 0.03, 0.035, 0.05, 0.095, 0.012, 0.004, false);

        // England: about 84,000 children looked after (0.7%, ~70% fostered), 400,000 children in need
        // (3.3%, counted per household here), ~1 in 10 teenagers in contact with CAMHS or sexual health
        // services over a year; shielding is a few in a thousand.
        static final Rates ENGLAND = new Rates(0.003, 0.004, 0.02, 0.03, 0.07, 0.02, 0.0, true);
    }

    /** Per-child facts the directory record does not hold but the feeds and the truth files need. */
    record History(long sequence, Address previousAddress, LocalAuthorityCode previousLa, LocalDate movedOn,
                   PersonName birthName, String preAdoptionNhs, boolean refuge) {
    }

    /** A family and the history of each child, in the same order. */
    record GeneratedFamily(long familyId, LocalAuthorityCode localAuthority, List<NewChild> children,
                           List<History> histories) {
    }

    /**
     * Organisation codes fixed in advance by the national generator, so that authorities generated in
     * parallel never issue the same URN, ODS code or UPN; null in the demo, which draws them at random.
     */
    record Numbering(int dfeNumber, int firstUrn, int firstOdsNumber) {
    }

    // Adopted children's earlier identities take NHS numbers from the top half of the synthetic space.
    static final long PRE_ADOPTION_OFFSET = SyntheticIdentifiers.CAPACITY / 2;

    private enum Shape { TWO_PARENTS, HYPHENATED, SINGLE_PARENT, STEP_FAMILY, KINSHIP, IN_CARE }

    private record Practitioner(String name, String team, String phone, String email) {
    }

    private final ReferenceData reference;
    private final SplittableRandom random;
    private final LocalDate today;

    private final List<NewOrganisation> organisations = new ArrayList<>();
    private final Set<String> organisationCodes = new HashSet<>();
    private final Map<String, Integer> upnSerials = new HashMap<>();
    private final Rates rates;
    private final double[] ageCumulative = new double[18];
    private final double[] maleShareByAge = new double[18];
    private long nextSequence = 1;
    private List<History> histories = new ArrayList<>();
    private int nextUrn;
    private int nextOds;

    PopulationGenerator(ReferenceData reference, long seed, LocalDate today) {
        this(reference, seed, today, Rates.DEMO);
    }

    PopulationGenerator(ReferenceData reference, long seed, LocalDate today, Rates rates) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.random = new SplittableRandom(seed);
        this.today = Objects.requireNonNull(today, "today");
        this.rates = Objects.requireNonNull(rates, "rates");
        double total = 0;
        for (int age = 0; age < 18; age++) {
            long male = reference.onsCount(true, age);
            long female = reference.onsCount(false, age);
            total += male + female;
            ageCumulative[age] = total;
            maleShareByAge[age] = male / (double) (male + female);
        }
        for (int age = 0; age < 18; age++) {
            ageCumulative[age] /= total;
        }
    }

    /**
     * Starts one authority for the national generator: its organisations now, its children from
     * {@link #nextFamily} with ContactPoint sequence numbers from {@code firstSequence}.
     */
    Area area(ReferenceData.Authority authority, int quota, int number, long firstSequence, Numbering numbering) {
        this.nextSequence = firstSequence;
        return new Area(authority, quota, number, numbering);
    }

    /** The next family of the authority, at most {@code remaining} children. */
    GeneratedFamily nextFamily(Area area, int remaining) {
        histories = new ArrayList<>();
        long familyId = nextSequence;
        Family family = family(area, Math.min(familySize(), remaining));
        return new GeneratedFamily(familyId, family.localAuthority(), family.children(), histories);
    }

    List<NewOrganisation> organisations() {
        return organisations;
    }

    DemoPopulation generate(List<LocalAuthorityCode> codes, int childCount) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("Give at least one local authority for the demo population");
        }
        if (new HashSet<>(codes).size() != codes.size()) {
            throw new IllegalArgumentException("Each demo local authority may be given only once");
        }
        if (childCount < 0 || childCount > DemoPopulation.MAX_CHILDREN) {
            throw new IllegalArgumentException("The demo child count must be between 0 and " + DemoPopulation.MAX_CHILDREN);
        }
        int national = addOrganisation(new NewOrganisation(OrganisationKind.NATIONAL_PARTNER, "CP-NATIONAL",
                "ContactPoint National Team", Sector.NATIONAL, null, null, DemoWords.freephone(900),
                "national.team@contactpoint.example.org", null, true));

        List<Area> areas = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            int quota = childCount / codes.size() + (i < childCount % codes.size() ? 1 : 0);
            areas.add(new Area(reference.authority(codes.get(i)), quota, i, null));
        }

        List<Family> families = new ArrayList<>();
        for (Area area : areas) {
            int remaining = area.quota;
            while (remaining > 0) {
                Family family = family(area, Math.min(familySize(), remaining));
                families.add(family);
                remaining -= family.children().size();
            }
        }

        List<DemoAccount> accounts = new ArrayList<>();
        for (Area area : areas) {
            accounts.addAll(area.accounts());
        }
        accounts.add(account("national.admin", national, null, List.of(Role.NATIONAL_ADMIN), false,
                "contactpoint.example.org", DemoWords.freephone(901)));

        List<Authority> authorities = areas.stream()
                .map(a -> new Authority(a.authority.code(), a.authority.name(), a.slug,
                        DemoWords.freephone(100 + a.number), DemoWords.freephone(400 + a.number), a.laOrganisation))
                .toList();
        return new DemoPopulation(authorities, organisations, families, accounts);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Families

    private List<ReferenceData.Authority> all;

    private List<ReferenceData.Authority> allAuthorities() {
        if (all == null) {
            all = reference.authorities();
        }
        return all;
    }

    private int familySize() {
        double draw = random.nextDouble();
        for (int i = 0; i < FAMILY_SIZE_CUMULATIVE.length; i++) {
            if (draw < FAMILY_SIZE_CUMULATIVE[i]) {
                return i + 1;
            }
        }
        return FAMILY_SIZE_CUMULATIVE.length;
    }

    private Shape shape() {
        double t = random.nextDouble();
        if (t < rates.inCare) return Shape.IN_CARE;
        if (t < 0.05) return Shape.KINSHIP;
        if (t < 0.27) return Shape.SINGLE_PARENT;
        if (t < 0.39) return Shape.STEP_FAMILY;
        if (t < 0.47) return Shape.HYPHENATED;
        return Shape.TWO_PARENTS;
    }

    private Whereabouts whereabouts() {
        double w = random.nextDouble();
        if (w < 0.006) return Whereabouts.NO_ADDRESS_KNOWN;
        if (w < 0.010) return Whereabouts.LEFT_ENGLAND_INTENDS_TO_RETURN;
        if (w < 0.013) return Whereabouts.LEFT_ENGLAND_NOT_RETURNING;
        if (w < 0.016) return Whereabouts.LEFT_ENGLAND_INTENTION_UNKNOWN;
        if (w < 0.020) return Whereabouts.LAST_KNOWN_ADDRESS;
        return Whereabouts.CURRENT_ADDRESS;
    }

    /** What the children of one family share. */
    private final class Household {
        final Area area;
        final Shape shape;
        final Whereabouts whereabouts;
        final Address home;
        final boolean shielded;
        final int gpPractice;
        final int primary;
        final int secondary;
        final Practitioner socialWorker;
        final Practitioner earlyHelpWorker;
        Address previousAddress;
        LocalAuthorityCode previousLa;
        LocalDate movedOn;
        boolean refuge;

        Household(Area area, Shape shape) {
            this.area = area;
            this.shape = shape;
            // A child in care lives at the placement: its address is always known.
            this.whereabouts = shape == Shape.IN_CARE ? Whereabouts.CURRENT_ADDRESS : whereabouts();
            this.home = whereabouts.hasAddress() ? area.address() : null;
            this.shielded = whereabouts == Whereabouts.CURRENT_ADDRESS && random.nextDouble() < rates.shieldedFamily;
            this.gpPractice = DemoWords.pick(area.gpPractices, random);
            this.primary = DemoWords.pick(area.primaries, random);
            this.secondary = DemoWords.pick(area.secondaries, random);
            boolean socialCare = shape == Shape.IN_CARE || random.nextDouble() < rates.socialCare;
            this.socialWorker = socialCare ? area.practitioner(ServiceType.SOCIAL_CARE) : null;
            this.earlyHelpWorker = !socialCare && random.nextDouble() < rates.earlyHelp
                    ? area.practitioner(ServiceType.EARLY_HELP) : null;
            if (rates.hardCases && home != null) {
                // About one family in ten moves in a year, a quarter of them from another authority; a family
                // in a refuge has always just left an address it must not be traced to.
                refuge = shielded && random.nextDouble() < 0.5;
                if (refuge || random.nextDouble() < 0.09) {
                    movedOn = today.minusDays(random.nextInt(1, 366));
                    if (random.nextDouble() < 0.25) {
                        ReferenceData.Authority from = DemoWords.pick(allAuthorities(), random);
                        List<Postcode> pool = reference.postcodes(from.code());
                        if (!pool.isEmpty() && !from.code().equals(area.authority.code())) {
                            previousLa = from.code();
                            Postcode postcode = DemoWords.pick(pool, random);
                            previousAddress = new Address((1 + random.nextInt(120)) + " " + area.street(), null,
                                    Objects.requireNonNullElse(DemoWords.postTown(postcode.area()), from.name()),
                                    postcode);
                        }
                    }
                    if (previousAddress == null) {
                        previousAddress = area.address();
                    }
                }
            }
        }
    }

    /** One child before it becomes a record: the family decides the surname and carers. */
    private static final class Draft {
        final LocalDate dateOfBirth;
        String family;
        String formerFamily;
        final List<NewCarer> carers = new ArrayList<>();

        Draft(LocalDate dateOfBirth) {
            this.dateOfBirth = dateOfBirth;
        }
    }

    private Family family(Area area, int requestedSize) {
        Shape shape = shape();
        // Siblings are placed together where they can be; larger groups are rarely placed in one home.
        int size = shape == Shape.IN_CARE ? Math.min(requestedSize, 2) : requestedSize;
        Household household = new Household(area, shape);
        List<Draft> drafts = new ArrayList<>();
        for (LocalDate dob : datesOfBirth(size)) {
            drafts.add(new Draft(dob));
        }
        switch (shape) {
            case TWO_PARENTS -> twoParents(household, drafts);
            case HYPHENATED -> hyphenated(household, drafts);
            case SINGLE_PARENT -> singleParent(household, drafts);
            case STEP_FAMILY -> stepFamily(household, drafts);
            case KINSHIP -> kinship(household, drafts);
            case IN_CARE -> inCare(household, drafts);
        }
        List<NewChild> children = new ArrayList<>();
        for (Draft draft : drafts) {
            children.add(child(household, draft));
        }
        return new Family(area.authority.code(), children);
    }

    /** Eldest first; siblings at least ten months apart unless they are twins. */
    private List<LocalDate> datesOfBirth(int size) {
        List<LocalDate> dates = new ArrayList<>();
        while (dates.size() < size) {
            if (!dates.isEmpty() && random.nextDouble() < TWINS) {
                dates.add(dates.get(dates.size() - 1));
                continue;
            }
            LocalDate candidate = randomDateOfBirth();
            for (int attempt = 0; attempt < 30 && tooClose(candidate, dates); attempt++) {
                candidate = randomDateOfBirth();
            }
            dates.add(candidate);
        }
        dates.sort(null);
        return dates;
    }

    private static boolean tooClose(LocalDate candidate, List<LocalDate> others) {
        return others.stream().anyMatch(d -> Math.abs(DAYS.between(d, candidate)) < 300);
    }

    /** Ages 0 to 17 in the ONS mid-2023 shares, any day of the year; never today, never an 18th birthday. */
    private LocalDate randomDateOfBirth() {
        double draw = random.nextDouble();
        int age = 0;
        while (age < 17 && draw >= ageCumulative[age]) {
            age++;
        }
        return today.minusYears(age).minusDays(random.nextInt(1, 365));
    }

    private void twoParents(Household h, List<Draft> drafts) {
        String surname = reference.surname(random);
        // Some mothers keep their own surname; a few children were registered under it before a marriage.
        String firstSurname = random.nextDouble() < 0.15 ? reference.surname(random) : surname;
        double couple = random.nextDouble();
        // A few same-sex couples, so that the carer list is not always one mother and one father.
        boolean twoMothers = couple < 0.02;
        boolean twoFathers = couple >= 0.02 && couple < 0.03;
        Gender firstSex = twoFathers ? Gender.MALE : Gender.FEMALE;
        Gender secondSex = twoMothers ? Gender.FEMALE : Gender.MALE;
        NewCarer first = carer(adult(firstSex, firstSurname), parent(firstSex), true, true, h.home);
        NewCarer second = carer(adult(secondSex, surname), parent(secondSex), true, true, h.home);
        for (Draft d : drafts) {
            d.family = surname;
            d.carers.add(first);
            d.carers.add(second);
            if (!firstSurname.equals(surname) && random.nextDouble() < 0.15) {
                d.formerFamily = firstSurname;
            }
        }
    }

    private static Relationship parent(Gender sex) {
        return sex == Gender.MALE ? Relationship.FATHER : Relationship.MOTHER;
    }

    private void hyphenated(Household h, List<Draft> drafts) {
        String mother = simpleSurname();
        String father = simpleSurname();
        for (int attempt = 0; attempt < 5 && father.equals(mother); attempt++) {
            father = simpleSurname();
        }
        String child = father.equals(mother) ? father : mother + "-" + father;
        NewCarer m = carer(adult(Gender.FEMALE, mother), Relationship.MOTHER, true, true, h.home);
        NewCarer f = carer(adult(Gender.MALE, father), Relationship.FATHER, true, true, h.home);
        for (Draft d : drafts) {
            d.family = child;
            d.carers.add(m);
            d.carers.add(f);
        }
    }

    private void singleParent(Household h, List<Draft> drafts) {
        boolean fatherLed = random.nextDouble() < 0.1;
        String parentSurname = reference.surname(random);
        String otherSurname = reference.surname(random);
        String childSurname = fatherLed || random.nextDouble() < 0.7 ? parentSurname : otherSurname;
        NewCarer resident = fatherLed
                ? carer(adult(Gender.MALE, parentSurname), Relationship.FATHER, true, true, h.home)
                : carer(adult(Gender.FEMALE, parentSurname), Relationship.MOTHER, true, true, h.home);
        NewCarer absent = null;
        if (random.nextDouble() < 0.35) {
            // The other parent keeps parental responsibility without day-to-day care, and lives elsewhere.
            Address elsewhere = random.nextDouble() < 0.7 ? h.area.address() : null;
            absent = fatherLed
                    ? carer(adult(Gender.FEMALE, otherSurname), Relationship.MOTHER, true, false, elsewhere)
                    : carer(adult(Gender.MALE, otherSurname), Relationship.FATHER, true, false, elsewhere);
        }
        for (Draft d : drafts) {
            d.family = childSurname;
            d.carers.add(resident);
            if (absent != null) {
                d.carers.add(absent);
            }
        }
    }

    private void stepFamily(Household h, List<Draft> drafts) {
        String firstFather = reference.surname(random);
        String stepSurname = reference.surname(random);
        double m = random.nextDouble();
        String motherSurname = m < 0.4 ? firstFather : m < 0.8 ? stepSurname : reference.surname(random);
        NewCarer mother = carer(adult(Gender.FEMALE, motherSurname), Relationship.MOTHER, true, true, h.home);
        PersonName partner = adult(Gender.MALE, stepSurname);
        NewCarer asStepParent = carer(partner, Relationship.STEP_PARENT, false, true, h.home);
        // The same person is the half-sibling's father: same contact details, a different relationship.
        NewCarer asFather = new NewCarer(partner, Relationship.FATHER, true, true, h.home, asStepParent.phone(),
                asStepParent.email());
        NewCarer firstFatherCarer = random.nextDouble() < 0.3
                ? carer(adult(Gender.MALE, firstFather), Relationship.FATHER, true, false, h.area.address())
                : null;
        boolean renamed = random.nextDouble() < 0.25;
        boolean halfSibling = drafts.size() >= 2 && random.nextDouble() < 0.6;
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            d.carers.add(mother);
            if (halfSibling && i == drafts.size() - 1) {
                d.family = stepSurname;
                d.carers.add(asFather);
                continue;
            }
            d.carers.add(asStepParent);
            if (firstFatherCarer != null) {
                d.carers.add(firstFatherCarer);
            }
            // A change of surname to the step-parent's leaves the birth surname as a former name.
            d.family = renamed ? stepSurname : firstFather;
            if (renamed && !stepSurname.equals(firstFather)) {
                d.formerFamily = firstFather;
            }
        }
    }

    private void kinship(Household h, List<Draft> drafts) {
        String grandparentSurname = reference.surname(random);
        String childSurname = random.nextDouble() < 0.5 ? grandparentSurname : reference.surname(random);
        Gender sex = random.nextDouble() < 0.75 ? Gender.FEMALE : Gender.MALE;
        boolean guardianship = random.nextDouble() < 0.5;
        NewCarer grandparent = carer(adult(sex, grandparentSurname),
                guardianship ? Relationship.SPECIAL_GUARDIAN : Relationship.GRANDPARENT, guardianship, true, h.home);
        NewCarer mother = guardianship ? null
                : carer(adult(Gender.FEMALE, childSurname), Relationship.MOTHER, true, false, null);
        for (Draft d : drafts) {
            d.family = childSurname;
            d.carers.add(grandparent);
            if (mother != null) {
                d.carers.add(mother);
            }
        }
    }

    private void inCare(Household h, List<Draft> drafts) {
        String surname = reference.surname(random);
        NewCarer foster = carer(adult(random.nextDouble() < 0.8 ? Gender.FEMALE : Gender.MALE,
                reference.surname(random)), Relationship.FOSTER_CARER, false, true, h.home);
        // Under a care order the authority shares parental responsibility with the parents.
        NewCarer authority = new NewCarer(new PersonName(null, null, h.area.authority.officialName()),
                Relationship.LOCAL_AUTHORITY, true, false, h.area.laAddress, h.area.landline(),
                "childrens.services@" + h.area.domain);
        NewCarer mother = carer(adult(Gender.FEMALE, surname), Relationship.MOTHER, true, false,
                random.nextDouble() < 0.5 ? null : h.area.address());
        for (Draft d : drafts) {
            d.family = surname;
            d.carers.add(foster);
            d.carers.add(authority);
            d.carers.add(mother);
        }
    }

    /** A surname without a hyphen, for the parents of a child with a double-barrelled one. */
    private String simpleSurname() {
        String surname = reference.surname(random);
        for (int attempt = 0; attempt < 5 && surname.contains("-"); attempt++) {
            surname = reference.surname(random);
        }
        return surname;
    }

    // Parents' birth years fall before the forename table starts, so its first year stands in for them.
    private PersonName adult(Gender sex, String surname) {
        return new PersonName(reference.forename(sex, ReferenceData.FIRST_NAME_YEAR, random), null, surname);
    }

    private NewCarer carer(PersonName name, Relationship relationship, boolean parentalResponsibility,
                           boolean hasCare, Address address) {
        String phone = random.nextDouble() < 0.9 ? DemoWords.mobile(random.nextInt(1000)) : null;
        String email = random.nextDouble() < 0.55 ? personalEmail(name) : null;
        return new NewCarer(name, relationship, parentalResponsibility, hasCare, address, phone, email);
    }

    private String personalEmail(PersonName name) {
        return mailbox(name.given()) + "." + mailbox(name.family()) + random.nextInt(10, 100) + "@example.com";
    }

    private static String mailbox(String name) {
        return DemoWords.slug(name);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Children

    private NewChild child(Household h, Draft d) {
        Area area = h.area;
        long sequence = nextSequence++;
        LocalDate dob = d.dateOfBirth;
        int age = (int) YEARS.between(dob, today);
        Gender gender = gender(age);
        Gender nameSex = gender == Gender.NOT_SPECIFIED
                ? (random.nextBoolean() ? Gender.MALE : Gender.FEMALE) : gender;
        String given = reference.forename(nameSex, dob.getYear(), random);
        PersonName name = new PersonName(given, middleNames(nameSex, dob.getYear(), given), d.family);

        List<OtherName> otherNames = new ArrayList<>();
        // Former names are not shown for shielded children: a new identity must not lead back to the old one.
        if (!h.shielded) {
            if (d.formerFamily != null) {
                otherNames.add(new OtherName(OtherName.Kind.FORMER, given, d.formerFamily, SOURCE, today));
            } else if (random.nextDouble() < 0.008) {
                otherNames.add(new OtherName(OtherName.Kind.FORMER,
                        reference.forename(nameSex, dob.getYear(), random), d.family, SOURCE, today));
            }
        }

        List<NewSetting> settings = new ArrayList<>();
        List<SourceIdentifier> identifiers = new ArrayList<>();
        identifiers.add(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS,
                nhsNumber(sequence).value(), SOURCE, today));

        boolean leftEngland = h.whereabouts.leftEngland();
        LocalDate left = leftEngland ? since(dob, 2 * 365) : null;
        settings.add(new NewSetting(Setting.Kind.PRIMARY_CARE, h.gpPractice, gpStart(dob, left), left));

        EducationStatus status;
        boolean preSchool = today.isBefore(receptionStart(dob));
        if (leftEngland) {
            status = EducationStatus.LEFT_ENGLAND;
        } else if (preSchool) {
            status = nursery(area, dob, age, settings);
        } else {
            status = school(h, dob, settings, identifiers);
        }

        List<NewInvolvement> involvements = leftEngland ? List.of() : involvements(h, dob, age, preSchool, status);

        PersonName birthName = null;
        String preAdoptionNhs = null;
        LocalDate dateOfDeath = null;
        if (rates.hardCases) {
            // Adoption with a new identity: new surname (often a new forename too) and a new NHS number, the
            // same date of birth. The earlier identity is kept only in the truth files, never as a former name.
            if (age >= 1 && !h.shielded && !leftEngland && random.nextDouble() < 0.003) {
                String birthGiven = random.nextDouble() < 0.3 ? reference.forename(nameSex, dob.getYear(), random) : given;
                birthName = new PersonName(birthGiven, null, reference.surname(random));
                preAdoptionNhs = SyntheticIdentifiers.nhsNumber(PRE_ADOPTION_OFFSET + sequence - 1);
            }
            // About 2,500 children die in England each year (0.02%); the record stays live for a year.
            if (random.nextDouble() < 0.0002) {
                dateOfDeath = since(dob, 364);
            }
        }
        histories.add(new History(sequence, h.previousAddress, h.previousLa, h.movedOn, birthName, preAdoptionNhs,
                h.refuge));
        return new NewChild(ContactPointId.fromSequence(sequence), name, otherNames, dob, gender,
                h.whereabouts, h.home, dateOfDeath, status, area.authority.code(), h.shielded, d.carers, settings,
                involvements, identifiers, SOURCE, today);
    }

    /** Sex in the ONS share for the age; a few demo children have their gender recorded as not specified. */
    private Gender gender(int age) {
        if (rates.notSpecified > 0 && random.nextDouble() < rates.notSpecified) {
            return Gender.NOT_SPECIFIED;
        }
        return random.nextDouble() < maleShareByAge[Math.min(17, Math.max(0, age))] ? Gender.MALE : Gender.FEMALE;
    }

    private String middleNames(Gender sex, int year, String given) {
        double m = random.nextDouble();
        if (m >= 0.63) {
            return null;
        }
        String first = reference.forename(sex, year, random);
        if (first.equals(given)) {
            first = reference.forename(sex, year, random);
        }
        return m < 0.08 ? first + " " + reference.forename(sex, year, random) : first;
    }

    /** Unique by construction: the number is a function of the child's sequence number. */
    private NhsNumber nhsNumber(long sequence) {
        return SyntheticIdentifiers.nhs(sequence - 1);
    }

    /** Registered with a GP within weeks of birth, or later for children who moved into the area. */
    private LocalDate gpStart(LocalDate dob, LocalDate left) {
        LocalDate start = random.nextDouble() < 0.7 ? dob.plusDays(random.nextInt(14, 57)) : since(dob, 10 * 365);
        LocalDate latest = left != null ? left : today;
        return start.isAfter(latest) ? latest : start;
    }

    /** Reception starts in the September after the fourth birthday (the school year runs September-August). */
    private static LocalDate receptionStart(LocalDate dob) {
        return LocalDate.of(dob.getYear() + (dob.getMonthValue() >= 9 ? 5 : 4), 9, 1);
    }

    private EducationStatus nursery(Area area, LocalDate dob, int age, List<NewSetting> settings) {
        double chance = age >= 3 ? 0.6 : age == 2 ? 0.25 : 0;
        if (random.nextDouble() >= chance) {
            return EducationStatus.UNKNOWN;
        }
        LocalDate start = dob.plusYears(age).plusDays(random.nextInt(1, 120));
        settings.add(new NewSetting(Setting.Kind.EDUCATION, DemoWords.pick(area.nurseries, random),
                start.isAfter(today) ? today : start, null));
        return EducationStatus.AT_SCHOOL;
    }

    private EducationStatus school(Household h, LocalDate dob, List<NewSetting> settings,
                                   List<SourceIdentifier> identifiers) {
        Area area = h.area;
        LocalDate reception = receptionStart(dob);
        int yearGroup = (int) YEARS.between(reception, today);
        double s = random.nextDouble();
        if (yearGroup >= 12) {
            // Sixth form: about half stay at school; the rest are at college or work, which the status list lacks.
            if (s >= 0.55) {
                return EducationStatus.UNKNOWN;
            }
        } else if (s < 0.01) {
            return EducationStatus.ELECTIVELY_HOME_EDUCATED;
        } else if (s < 0.06) {
            return EducationStatus.INDEPENDENT_SCHOOL;
        } else if (s < 0.065) {
            return EducationStatus.NOT_IN_EDUCATION;
        }
        int school;
        int firstSchool;
        LocalDate start;
        if (random.nextDouble() < 0.015) {
            school = DemoWords.pick(area.specials, random);
            firstSchool = school;
            start = since(reception, yearGroup * 365 + 1);
        } else if (yearGroup <= 6) {
            school = h.primary;
            firstSchool = school;
            start = reception;
        } else {
            school = h.secondary;
            firstSchool = h.primary;
            start = reception.plusYears(7);
        }
        settings.add(new NewSetting(Setting.Kind.EDUCATION, school, start, null));
        Upn upn = upn(area, area.establishments.get(firstSchool), reception.getYear() % 100);
        if (upn != null) {
            identifiers.add(new SourceIdentifier(SourceIdentifier.Scheme.UPN, SourceIdentifier.DFE, upn.value(),
                    SOURCE, today));
        }
        return EducationStatus.AT_SCHOOL;
    }

    /** The next serial for that school and year; null in the unlikely case a school issued all 1,000. */
    private Upn upn(Area area, int establishment, int year2) {
        String key = area.dfeNumber + "/" + establishment + "/" + year2;
        int serial = upnSerials.merge(key, 1, Integer::sum) - 1;
        return serial > 999 ? null : new Upn(SyntheticIdentifiers.upn(area.dfeNumber, establishment, year2, serial));
    }

    private List<NewInvolvement> involvements(Household h, LocalDate dob, int age, boolean preSchool,
                                              EducationStatus status) {
        Area area = h.area;
        List<NewInvolvement> out = new ArrayList<>();
        boolean lead = false;

        ServiceType sensitive = null;
        if (age >= 13 && random.nextDouble() < rates.sensitiveTeen) {
            double t = random.nextDouble();
            sensitive = t < 0.35 ? ServiceType.SEXUAL_HEALTH : t < 0.8 ? ServiceType.MENTAL_HEALTH
                    : ServiceType.SUBSTANCE_MISUSE;
        } else if (age >= 8 && age < 13 && random.nextDouble() < rates.sensitive8to12) {
            sensitive = ServiceType.MENTAL_HEALTH;
        }
        if (sensitive != null) {
            out.add(involvement(area, sensitive, area.practitioner(sensitive), since(dob, 2 * 365), false, false));
        }
        if (h.socialWorker != null) {
            boolean isLead = h.shape == Shape.IN_CARE || random.nextDouble() < 0.7;
            out.add(involvement(area, ServiceType.SOCIAL_CARE, h.socialWorker, since(dob, 3 * 365), isLead, false));
            lead = isLead;
        }
        if (h.earlyHelpWorker != null) {
            boolean isLead = !lead && random.nextDouble() < 0.8;
            out.add(involvement(area, ServiceType.EARLY_HELP, h.earlyHelpWorker, since(dob, 2 * 365), isLead,
                    random.nextDouble() < 0.7));
            lead |= isLead;
        }
        if (preSchool && random.nextDouble() < 0.6) {
            // The health visitor's new-birth visit falls 10-14 days after birth.
            LocalDate start = dob.plusDays(random.nextInt(10, 15));
            out.add(involvement(area, ServiceType.HEALTH_VISITING, area.practitioner(ServiceType.HEALTH_VISITING),
                    start.isAfter(today) ? today : start, false, false));
        }
        if (!preSchool && status == EducationStatus.AT_SCHOOL && random.nextDouble() < 0.06) {
            out.add(involvement(area, ServiceType.SCHOOL_NURSING, area.practitioner(ServiceType.SCHOOL_NURSING),
                    since(dob, 2 * 365), false, !lead && random.nextDouble() < 0.1));
        }
        if (age >= 10 && random.nextDouble() < 0.02) {
            out.add(involvement(area, ServiceType.YOUTH_JUSTICE, area.practitioner(ServiceType.YOUTH_JUSTICE),
                    since(dob, 365), false, false));
        }
        if (random.nextDouble() < 0.015) {
            out.add(involvement(area, ServiceType.VOLUNTARY, area.practitioner(ServiceType.VOLUNTARY),
                    since(dob, 2 * 365), false, false));
        }
        // Sensitive and lead-professional entries come first, so they survive the cap.
        return out.size() > MAX_INVOLVEMENTS ? List.copyOf(out.subList(0, MAX_INVOLVEMENTS)) : out;
    }

    private NewInvolvement involvement(Area area, ServiceType type, Practitioner practitioner, LocalDate start,
                                       boolean lead, boolean caf) {
        int service = area.services.get(type);
        NewOrganisation organisation = organisations.get(service);
        boolean teamOnly = !lead && random.nextDouble() < 0.15;
        LocalDate end = null;
        if (!lead && random.nextDouble() < 0.08 && start.isBefore(today.minusDays(1))) {
            end = start.plusDays(random.nextLong(1, DAYS.between(start, today) + 1));
        }
        return new NewInvolvement(type, service, teamOnly ? null : practitioner.name(), practitioner.team(), role(type),
                teamOnly ? organisation.phone() : practitioner.phone(),
                teamOnly ? organisation.email() : practitioner.email(), start, end, lead, caf);
    }

    /** A date between {@code from} (not before) and today, at most {@code maxDaysBack} days ago. */
    private LocalDate since(LocalDate from, int maxDaysBack) {
        long span = Math.min(DAYS.between(from, today), maxDaysBack);
        if (span <= 0) {
            return today;
        }
        return today.minusDays(random.nextLong(0, span + 1));
    }

    private static String role(ServiceType type) {
        return switch (type) {
            case SOCIAL_CARE -> "Social worker";
            case EARLY_HELP -> "Early help practitioner";
            case HEALTH_VISITING -> "Health visitor";
            case SCHOOL_NURSING -> "School nurse";
            case YOUTH_JUSTICE -> "Youth justice officer";
            case VOLUNTARY -> "Family support worker";
            case SEXUAL_HEALTH -> "Sexual health nurse";
            case MENTAL_HEALTH -> "CAMHS practitioner";
            case SUBSTANCE_MISUSE -> "Young people's substance misuse worker";
            default -> type.label();
        };
    }

    private static String serviceLabel(ServiceType type) {
        return type == ServiceType.MENTAL_HEALTH ? "CAMHS" : type.label();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Organisations and accounts

    private int addOrganisation(NewOrganisation organisation) {
        organisations.add(organisation);
        return organisations.size() - 1;
    }

    /** A code not yet used by any organisation of the population (the directory keeps them unique). */
    private String uniqueCode(Supplier<String> candidate) {
        while (true) {
            String code = candidate.get();
            if (organisationCodes.add(code)) {
                return code;
            }
        }
    }

    private DemoAccount account(String username, int organisation, LocalAuthorityCode la, List<Role> roles,
                                boolean childProtection, String domain, String phone) {
        PersonName name = adult(random.nextBoolean() ? Gender.FEMALE : Gender.MALE, reference.surname(random));
        // Vetting within the last year: current, and well inside the three-year DBS renewal.
        return new DemoAccount(username, name.full(), mailbox(name.given()) + "." + mailbox(name.family()) + "@" + domain,
                phone, organisation, la, roles, childProtection, today.minusDays(random.nextInt(7, 365)),
                today.minusDays(random.nextInt(7, 365)), today.minusDays(random.nextInt(1, 365)));
    }

    /** One demo local authority and the organisations in it. */
    final class Area {
        final ReferenceData.Authority authority;
        final int quota;
        final int number;
        final String slug;
        final String domain;
        final int dfeNumber;
        final List<Postcode> postcodes;
        final Address laAddress;
        final int laOrganisation;
        final List<Integer> nurseries = new ArrayList<>();
        final List<Integer> primaries = new ArrayList<>();
        final List<Integer> secondaries = new ArrayList<>();
        final List<Integer> specials = new ArrayList<>();
        final List<Integer> gpPractices = new ArrayList<>();
        final Map<Integer, Integer> establishments = new HashMap<>();
        final Map<ServiceType, Integer> services = new EnumMap<>(ServiceType.class);
        final Map<ServiceType, List<Practitioner>> practitioners = new EnumMap<>(ServiceType.class);
        private final Set<String> names = new HashSet<>();

        private final Numbering numbering;

        Area(ReferenceData.Authority authority, int quota, int number, Numbering numbering) {
            this.numbering = numbering;
            if (numbering != null) {
                nextUrn = numbering.firstUrn();
                nextOds = numbering.firstOdsNumber();
            }
            this.authority = authority;
            this.quota = quota;
            this.number = number;
            this.slug = DemoWords.slug(authority.name());
            this.domain = slug + ".example.org";
            this.dfeNumber = numbering != null ? numbering.dfeNumber() : DemoWords.dfeNumber(authority.code());
            this.postcodes = postcodes();
            this.laAddress = address();
            this.laOrganisation = addOrganisation(new NewOrganisation(OrganisationKind.LOCAL_AUTHORITY,
                    uniqueCode(() -> authority.code().value()), authority.officialName(), Sector.LOCAL_AUTHORITY,
                    null, laAddress, landline(), "contactpoint@" + domain, authority.code(), true));
            schools(nurseries, 1 + quota / 3000, "NURSERY", 1000);
            schools(primaries, Math.max(3, quota / 300), "PRIMARY", 2000);
            schools(secondaries, Math.max(2, quota / 800), "SECONDARY", 4000);
            schools(specials, 1 + quota / 6000, "SPECIAL", 7000);
            for (int i = 0, n = Math.max(3, quota / 350); i < n; i++) {
                gpPractices.add(gpPractice());
            }
            service(ServiceType.SOCIAL_CARE, "CSC", authority.name() + " Children's Social Care", Sector.SOCIAL_CARE, domain);
            service(ServiceType.EARLY_HELP, "EH", authority.name() + " Early Help Service", Sector.SOCIAL_CARE, domain);
            service(ServiceType.HEALTH_VISITING, "HV", authority.name() + " Health Visiting Service", Sector.HEALTH,
                    "nhs-" + domain);
            service(ServiceType.SCHOOL_NURSING, "SN", authority.name() + " School Nursing Service", Sector.HEALTH,
                    "nhs-" + domain);
            service(ServiceType.YOUTH_JUSTICE, "YJS", authority.name() + " Youth Justice Service",
                    Sector.YOUTH_JUSTICE, domain);
            service(ServiceType.SEXUAL_HEALTH, "SHC", authority.name() + " Young People's Sexual Health Clinic",
                    Sector.HEALTH, "nhs-" + domain);
            service(ServiceType.MENTAL_HEALTH, "CAMHS", authority.name() + " Child and Adolescent Mental Health Service",
                    Sector.HEALTH, "nhs-" + domain);
            service(ServiceType.SUBSTANCE_MISUSE, "SMS", authority.name() + " Young People's Substance Misuse Service",
                    Sector.HEALTH, "nhs-" + domain);
            String charity = DemoWords.pick(DemoWords.PLACES, random) + " Family Support Trust";
            service(ServiceType.VOLUNTARY, "VOL", charity + " (" + authority.name() + ")", Sector.VOLUNTARY,
                    DemoWords.hyphenSlug(charity) + ".example.org");
        }

        private List<Postcode> postcodes() {
            List<Postcode> real = reference.postcodes(authority.code());
            Set<Postcode> pool = new LinkedHashSet<>(real);
            if (pool.size() < MIN_REAL_POSTCODES) {
                List<String> districts = reference.districts(authority.code()).stream()
                        .filter(d -> DISTRICT_SHAPE.matcher(d).matches() && DemoWords.postTown(area(d)) != null)
                        .toList();
                if (districts.isEmpty() && pool.isEmpty()) {
                    throw new IllegalStateException("No postcode districts are known for " + authority.code());
                }
                for (int attempt = 0; !districts.isEmpty() && pool.size() < TOPPED_UP_POSTCODES && attempt < 1000; attempt++) {
                    pool.add(new Postcode(DemoWords.pick(districts, random) + random.nextInt(10)
                            + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                            + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))));
                }
            }
            return List.copyOf(pool);
        }

        Address address() {
            Postcode postcode = DemoWords.pick(postcodes, random);
            String town = Objects.requireNonNullElse(DemoWords.postTown(postcode.area()), authority.name());
            String street = street();
            int number = 1 + random.nextInt(random.nextDouble() < 0.8 ? 120 : 400);
            if (random.nextDouble() < 0.2) {
                return new Address("Flat " + (1 + random.nextInt(24)) + ", " + DemoWords.pick(DemoWords.BUILDINGS, random),
                        street, town, postcode);
            }
            return new Address(number + " " + street, null, town, postcode);
        }

        String street() {
            return DemoWords.pick(DemoWords.STREET_NAMES, random) + " " + DemoWords.pick(DemoWords.STREET_TYPES, random);
        }

        String landline() {
            return DemoWords.landline(authority.code(), authority.region(), random.nextInt(1000));
        }

        Practitioner practitioner(ServiceType type) {
            return DemoWords.pick(practitioners.get(type), random);
        }

        private void schools(List<Integer> into, int count, String type, int firstEstablishment) {
            for (int i = 0; i < count; i++) {
                String name = uniqueName(() -> schoolName(type));
                Address address = address();
                String urn = numbering != null ? uniqueCode(() -> Integer.toString(nextUrn++))
                        : uniqueCode(() -> Integer.toString(random.nextInt(100_000, 200_000)));
                int index = addOrganisation(new NewOrganisation(OrganisationKind.EDUCATION_SETTING, urn, name,
                        Sector.EDUCATION, type, address, landline(),
                        "office@" + DemoWords.hyphenSlug(name) + "." + domain, authority.code(), true));
                into.add(index);
                establishments.put(index, firstEstablishment + 1 + i);
            }
        }

        private String schoolName(String type) {
            String place = DemoWords.pick(DemoWords.PLACES, random);
            String saint = DemoWords.pick(DemoWords.SAINTS, random);
            double style = random.nextDouble();
            return switch (type) {
                case "NURSERY" -> style < 0.6 ? place + " Nursery School" : place + " Children's Centre and Nursery";
                case "PRIMARY" -> style < 0.45 ? place + " Primary School"
                        : style < 0.65 ? saint + " Church of England Primary School"
                        : style < 0.8 ? saint + " Catholic Primary School"
                        : style < 0.9 ? place + " Community Primary School" : place + " Primary Academy";
                case "SECONDARY" -> style < 0.4 ? place + " High School"
                        : style < 0.7 ? place + " Academy"
                        : style < 0.85 ? saint + " Catholic High School" : place + " School";
                default -> style < 0.5 ? place + " Special School" : place + " School";
            };
        }

        private int gpPractice() {
            String place = DemoWords.pick(DemoWords.PLACES, random);
            double style = random.nextDouble();
            String name = uniqueName(() -> style < 0.35 ? place + " Medical Centre"
                    : style < 0.6 ? place + " Surgery"
                    : style < 0.8 ? place + " Health Centre"
                    : "The " + DemoWords.pick(DemoWords.PLACES, random) + " Practice");
            char letter = DemoWords.odsLetter(authority.region());
            String ods = numbering != null ? uniqueCode(() -> letter + Integer.toString(nextOds++))
                    : uniqueCode(() -> letter + Integer.toString(random.nextInt(80_000, 90_000)));
            return addOrganisation(new NewOrganisation(OrganisationKind.GP_PRACTICE, ods, name, Sector.HEALTH,
                    "GP_PRACTICE", address(), landline(), DemoWords.hyphenSlug(name) + "@nhs-" + domain,
                    authority.code(), true));
        }

        private void service(ServiceType type, String abbreviation, String name, Sector sector, String mailDomain) {
            String code = uniqueCode(() -> authority.code().value() + "-" + abbreviation);
            int index = addOrganisation(new NewOrganisation(OrganisationKind.SERVICE, code, name, sector, type.name(),
                    address(), landline(), DemoWords.hyphenSlug(serviceLabel(type)) + "@" + mailDomain,
                    authority.code(), true));
            services.put(type, index);
            List<Practitioner> pool = new ArrayList<>();
            for (int i = 0, n = Math.max(3, quota / 400); i < n; i++) {
                PersonName person = adult(random.nextDouble() < 0.75 ? Gender.FEMALE : Gender.MALE,
                        reference.surname(random));
                String team = serviceLabel(type) + " team (" + DemoWords.pick(DemoWords.LOCALITIES, random) + ")";
                pool.add(new Practitioner(person.full(), team, landline(),
                        mailbox(person.given()) + "." + mailbox(person.family()) + "@" + mailDomain));
            }
            practitioners.put(type, pool);
        }

        /** A name not yet used in this authority; after a few tries a locality makes it unique. */
        private String uniqueName(Supplier<String> candidate) {
            String name = candidate.get();
            for (int attempt = 0; attempt < 10 && names.contains(name); attempt++) {
                name = candidate.get();
            }
            String base = name;
            for (int n = 2; names.contains(name); n++) {
                name = base + " (" + DemoWords.LOCALITIES.get(n % DemoWords.LOCALITIES.size()) + " " + n + ")";
            }
            names.add(name);
            return name;
        }

        List<DemoAccount> accounts() {
            return List.of(
                    account(slug + ".teacher", primaries.get(0), authority.code(), List.of(Role.PRACTITIONER),
                            false, domain, landline()),
                    account(slug + ".gp", gpPractices.get(0), authority.code(), List.of(Role.PRACTITIONER),
                            false, "nhs-" + domain, landline()),
                    account(slug + ".socialworker", services.get(ServiceType.SOCIAL_CARE), authority.code(),
                            List.of(Role.PRACTITIONER), true, domain, landline()),
                    account(slug + ".lateam", laOrganisation, authority.code(),
                            List.of(Role.LA_USER_ADMIN, Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER,
                                    Role.LA_AUDITOR), false, domain, landline()));
        }

        private String area(String district) {
            var matcher = LEADING_LETTERS.matcher(district);
            return matcher.find() ? matcher.group() : "";
        }
    }
}
