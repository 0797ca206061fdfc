package uk.contactpoint.synthetic;

import static java.time.temporal.ChronoUnit.YEARS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import uk.contactpoint.access.Role;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewChild.NewCarer;
import uk.contactpoint.directory.NewChild.NewInvolvement;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Upn;
import uk.contactpoint.synthetic.DemoPopulation.DemoAccount;
import uk.contactpoint.synthetic.DemoPopulation.Family;

class DemoPopulationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final int CHILDREN = 3000;
    private static final long SEED = 2009;
    private static final List<LocalAuthorityCode> AUTHORITIES = Stream.of("E08000035", "E09000007", "E10000008")
            .map(LocalAuthorityCode::new).toList();

    // Ofcom's drama ranges: never allocated to a real line.
    private static final Pattern DRAMA_NUMBER = Pattern.compile(
            "0113 496 0\\d{3}|01[1-9]1? ?49[68] 0\\d{3}|020 7946 0\\d{3}|0808 157 0\\d{3}|01632 960\\d{3}|07700 900\\d{3}");
    private static final Pattern EXAMPLE_EMAIL = Pattern.compile("[a-z0-9.'-]+@([a-z0-9-]+\\.)*example\\.(org|com)");

    private static ReferenceData reference;
    private static DemoPopulation population;
    private static List<NewChild> children;
    private static Map<String, Set<String>> authoritiesByDistrict;

    @BeforeAll
    static void generate() throws IOException {
        reference = ReferenceData.fromClasspath();
        population = DemoPopulation.generate(reference, AUTHORITIES, CHILDREN, SEED, TODAY);
        children = population.children();
        authoritiesByDistrict = readDistrictMapping();
    }

    @Test
    void theSameSeedAndDateGiveAnIdenticalPopulation() {
        assertThat(DemoPopulation.generate(reference, AUTHORITIES, CHILDREN, SEED, TODAY)).isEqualTo(population);
    }

    @Test
    void aDifferentSeedGivesADifferentPopulation() {
        DemoPopulation one = DemoPopulation.generate(reference, AUTHORITIES, 600, SEED, TODAY);
        DemoPopulation other = DemoPopulation.generate(reference, AUTHORITIES, 600, SEED + 1, TODAY);

        assertThat(other.children()).hasSize(600);
        assertThat(other.children().stream().map(NewChild::name).toList())
                .isNotEqualTo(one.children().stream().map(NewChild::name).toList());
        assertThat(other.children().stream().map(NewChild::dateOfBirth).toList())
                .isNotEqualTo(one.children().stream().map(NewChild::dateOfBirth).toList());
    }

    @Test
    void itHoldsExactlyTheRequestedChildrenSplitEvenlyAcrossTheAuthorities() {
        assertThat(children).hasSize(CHILDREN);
        for (LocalAuthorityCode la : AUTHORITIES) {
            assertThat(children.stream().filter(c -> c.responsibleLa().equals(la))).hasSize(CHILDREN / AUTHORITIES.size());
        }
        assertThat(population.families()).allSatisfy(f ->
                assertThat(f.children()).allSatisfy(c -> assertThat(c.responsibleLa()).isEqualTo(f.localAuthority())));
    }

    @Test
    void everyChildsPostcodeLiesInADistrictMappedToItsAuthority() {
        List<NewChild> withAddress = children.stream().filter(c -> c.address() != null).toList();

        assertThat(withAddress).hasSizeGreaterThan(CHILDREN * 9 / 10);
        assertThat(withAddress).allSatisfy(c -> assertThat(authoritiesByDistrict.get(c.address().postcodeDistrict()))
                .as("authorities reached by the child's postcode district")
                .contains(c.responsibleLa().value()));
    }

    @Test
    void organisationsAndCarersAtTheFamilyHomeAlsoHavePostcodesInTheAuthority() {
        assertThat(population.organisations().stream().filter(o -> o.localAuthority() != null))
                .allSatisfy(o -> assertThat(authoritiesByDistrict.get(o.address().postcodeDistrict()))
                        .contains(o.localAuthority().value()));
        assertThat(children).allSatisfy(c -> assertThat(c.carers().stream()
                .filter(p -> p.address() != null && p.relationship() != Relationship.LOCAL_AUTHORITY))
                .allSatisfy(p -> assertThat(authoritiesByDistrict.get(p.address().postcodeDistrict()))
                        .contains(c.responsibleLa().value())));
    }

    @Test
    void aSmallButNonZeroShareOfChildrenIsShielded() {
        double share = share(NewChild::shielded);

        assertThat(share).isBetween(0.008, 0.035);
    }

    @Test
    void aSmallButNonZeroShareOfChildrenHasASensitiveInvolvementMostlyTeenagers() {
        List<NewChild> sensitive = children.stream().filter(DemoPopulationTest::hasSensitiveInvolvement).toList();
        long teenagers = sensitive.stream().filter(c -> age(c) >= 13).count();

        assertThat(sensitive.size() / (double) CHILDREN).isBetween(0.015, 0.05);
        assertThat(teenagers).isGreaterThan(sensitive.size() * 7L / 10);
        assertThat(sensitive.stream().flatMap(c -> c.involvements().stream())
                .filter(i -> i.serviceType().sensitive()).map(NewInvolvement::serviceType).distinct())
                .hasSize(3);
    }

    @Test
    void everyChildHasOneValidSyntheticNhsNumberUnusedByAnyOtherChild() {
        List<String> numbers = new ArrayList<>();
        for (NewChild c : children) {
            List<SourceIdentifier> nhs = c.identifiers().stream()
                    .filter(i -> i.scheme() == SourceIdentifier.Scheme.NHS_NUMBER).toList();
            assertThat(nhs).hasSize(1);
            assertThat(nhs.get(0).allocatingBody()).isEqualTo(SourceIdentifier.NHS);
            NhsNumber number = new NhsNumber(nhs.get(0).value());
            assertThat(number.value()).startsWith("999");
            assertThat(number.isSynthetic()).isTrue();
            numbers.add(number.value());
        }
        assertThat(numbers).doesNotHaveDuplicates();
    }

    @Test
    void upnsAreValidUniqueAndHeldOnlyByChildrenAtSchool() {
        List<String> upns = new ArrayList<>();
        for (NewChild c : children) {
            for (SourceIdentifier id : c.identifiers()) {
                if (id.scheme() == SourceIdentifier.Scheme.UPN) {
                    assertThat(id.allocatingBody()).isEqualTo(SourceIdentifier.DFE);
                    assertThat(c.educationStatus()).isEqualTo(EducationStatus.AT_SCHOOL);
                    assertThat(age(c)).isGreaterThanOrEqualTo(4);
                    upns.add(new Upn(id.value()).value());
                }
            }
        }
        assertThat(upns).hasSizeGreaterThan(CHILDREN / 2).doesNotHaveDuplicates();
        assertThat(upns).anyMatch(u -> u.substring(1, 4).equals("383"));
    }

    @Test
    void siblingsShareAtLeastOneCarer() {
        List<Family> siblingGroups = population.families().stream().filter(f -> f.children().size() > 1).toList();

        assertThat(siblingGroups).hasSizeGreaterThan(300);
        assertThat(siblingGroups).allSatisfy(f -> {
            Set<NewCarer> shared = new HashSet<>(f.children().get(0).carers());
            f.children().forEach(c -> shared.retainAll(c.carers()));
            assertThat(shared).as("carers every sibling shares").isNotEmpty();
        });
    }

    @Test
    void familiesIncludeStepParentsHyphenatedSurnamesSingleParentsTwinsAndChildrenInCare() {
        assertThat(children).anyMatch(c -> c.carers().stream().anyMatch(p -> p.relationship() == Relationship.STEP_PARENT
                && !p.name().family().equals(c.name().family())));
        assertThat(children).anyMatch(c -> c.name().family().contains("-"));
        assertThat(children).anyMatch(c -> c.carers().stream().filter(NewCarer::hasCare).count() == 1
                && (hasCarer(c, Relationship.MOTHER) || hasCarer(c, Relationship.FATHER)));
        assertThat(children).anyMatch(c -> hasCarer(c, Relationship.FOSTER_CARER) && hasCarer(c, Relationship.LOCAL_AUTHORITY));
        assertThat(population.families()).anyMatch(f -> f.children().size() > 1
                && f.children().stream().map(NewChild::dateOfBirth).distinct().count() < f.children().size());
        assertThat(children).anyMatch(c -> c.otherNames().stream().anyMatch(n -> n.kind() == OtherName.Kind.FORMER));
    }

    @Test
    void noTwoChildrenShareAContactPointId() {
        assertThat(children.stream().map(c -> c.contactPointId().value()).toList()).doesNotHaveDuplicates();
    }

    @Test
    void agesRunFrom0To17InRoughlyEqualShares() {
        int[] byAge = new int[18];
        children.forEach(c -> byAge[(int) age(c)]++);

        assertThat(children).allSatisfy(c -> assertThat(c.dateOfBirth()).isBefore(TODAY).isAfter(TODAY.minusYears(18)));
        assertThat(Arrays.stream(byAge).boxed()).allSatisfy(n -> assertThat(n).isBetween(CHILDREN / 18 / 2, CHILDREN / 18 * 2));
    }

    @Test
    void everyChildHasAGpPracticeAndMostOfSchoolAgeAreAtASchool() {
        assertThat(children).allSatisfy(c -> assertThat(c.settings())
                .anyMatch(s -> s.kind() == Setting.Kind.PRIMARY_CARE));
        List<NewChild> schoolAge = children.stream().filter(c -> age(c) >= 6 && age(c) <= 15).toList();
        long atSchool = schoolAge.stream().filter(c -> c.educationStatus() == EducationStatus.AT_SCHOOL
                && c.settings().stream().anyMatch(s -> s.kind() == Setting.Kind.EDUCATION)).count();

        assertThat(atSchool).isGreaterThan(schoolAge.size() * 85L / 100);
        assertThat(schoolAge).anyMatch(c -> c.educationStatus() == EducationStatus.INDEPENDENT_SCHOOL);
        assertThat(schoolAge).anyMatch(c -> c.educationStatus() == EducationStatus.ELECTIVELY_HOME_EDUCATED);
        assertThat(children.stream().filter(c -> age(c) <= 1))
                .allSatisfy(c -> assertThat(c.educationStatus()).isIn(EducationStatus.UNKNOWN, EducationStatus.LEFT_ENGLAND));
    }

    @Test
    void childrenWithoutAKnownAddressHaveNone() {
        assertThat(children).anyMatch(c -> c.whereabouts().leftEngland());
        assertThat(children).allSatisfy(c -> assertThat(c.address() == null).isEqualTo(!c.whereabouts().hasAddress()));
        assertThat(share(c -> c.whereabouts().hasAddress())).isGreaterThan(0.95);
    }

    @Test
    void childrenHaveAtMostThreeInvolvementsAndAtMostOneLeadProfessional() {
        assertThat(children).allSatisfy(c -> {
            assertThat(c.involvements()).hasSizeLessThanOrEqualTo(3);
            assertThat(c.involvements().stream().filter(NewInvolvement::leadProfessional)).hasSizeLessThanOrEqualTo(1);
        });
        assertThat(children).anyMatch(c -> c.involvements().stream().anyMatch(NewInvolvement::leadProfessional));
        assertThat(children).anyMatch(c -> c.involvements().stream().anyMatch(NewInvolvement::cafHolder));
        assertThat(children.stream().filter(c -> c.involvements().stream()
                .anyMatch(i -> i.serviceType() == ServiceType.YOUTH_JUSTICE)))
                .allSatisfy(c -> assertThat(age(c)).isGreaterThanOrEqualTo(10));
    }

    @Test
    void everyValueComesFromTheDemoSource() {
        assertThat(children).allSatisfy(c -> {
            assertThat(c.source()).isEqualTo("DEMO");
            assertThat(c.asOf()).isEqualTo(TODAY);
            assertThat(c.identifiers()).allSatisfy(i -> assertThat(i.source()).isEqualTo("DEMO"));
            assertThat(c.otherNames()).allSatisfy(n -> assertThat(n.source()).isEqualTo("DEMO"));
        });
    }

    @Test
    void organisationsHaveUniqueWellFormedCodesAndEveryKindTheDemoNeeds() {
        List<NewOrganisation> organisations = population.organisations();

        assertThat(organisations.stream().map(o -> o.kind() + "/" + o.code()).toList()).doesNotHaveDuplicates();
        assertThat(organisations.stream().filter(o -> o.kind() == OrganisationKind.EDUCATION_SETTING))
                .allSatisfy(o -> assertThat(o.code()).matches("1\\d{5}"))
                .extracting(NewOrganisation::settingType).contains("NURSERY", "PRIMARY", "SECONDARY", "SPECIAL");
        assertThat(organisations.stream().filter(o -> o.kind() == OrganisationKind.GP_PRACTICE))
                .hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(o -> assertThat(o.code()).matches("[A-Z]\\d{5}"));
        assertThat(organisations.stream().filter(o -> o.kind() == OrganisationKind.LOCAL_AUTHORITY).map(NewOrganisation::code))
                .containsExactly("E08000035", "E09000007", "E10000008");
        assertThat(organisations).filteredOn(o -> o.kind() == OrganisationKind.NATIONAL_PARTNER).hasSize(1);
        for (LocalAuthorityCode la : AUTHORITIES) {
            assertThat(organisations.stream().filter(o -> o.kind() == OrganisationKind.SERVICE && la.equals(o.localAuthority()))
                    .map(NewOrganisation::settingType))
                    .contains("SOCIAL_CARE", "EARLY_HELP", "HEALTH_VISITING", "SCHOOL_NURSING", "YOUTH_JUSTICE",
                            "SEXUAL_HEALTH", "MENTAL_HEALTH", "SUBSTANCE_MISUSE", "VOLUNTARY");
        }
    }

    @Test
    void everyPhoneNumberIsInAnOfcomDramaRangeAndEveryEmailInAnExampleDomain() {
        List<String> phones = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        population.organisations().forEach(o -> {
            phones.add(o.phone());
            emails.add(o.email());
        });
        population.authorities().forEach(a -> phones.add(a.emergencyDutyPhone()));
        population.accounts().forEach(a -> {
            phones.add(a.phone());
            emails.add(a.email());
        });
        children.forEach(c -> {
            c.carers().forEach(p -> {
                phones.add(p.phone());
                emails.add(p.email());
            });
            c.involvements().forEach(i -> {
                phones.add(i.phone());
                emails.add(i.email());
            });
        });

        assertThat(phones.stream().filter(Objects::nonNull)).allSatisfy(p -> assertThat(p).matches(DRAMA_NUMBER));
        assertThat(emails.stream().filter(Objects::nonNull)).allSatisfy(e -> assertThat(e).matches(EXAMPLE_EMAIL));
    }

    @Test
    void eachAuthorityHasATeacherGpSocialWorkerAndManagementTeamAccountAndThereIsOneNationalAdmin() {
        assertThat(population.accounts()).extracting(DemoAccount::username).containsExactly(
                "leeds.teacher", "leeds.gp", "leeds.socialworker", "leeds.lateam",
                "camden.teacher", "camden.gp", "camden.socialworker", "camden.lateam",
                "devon.teacher", "devon.gp", "devon.socialworker", "devon.lateam", "national.admin");
        Map<String, DemoAccount> byName = new HashMap<>();
        population.accounts().forEach(a -> byName.put(a.username(), a));

        assertThat(organisation(byName.get("leeds.teacher")).kind()).isEqualTo(OrganisationKind.EDUCATION_SETTING);
        assertThat(organisation(byName.get("camden.gp")).kind()).isEqualTo(OrganisationKind.GP_PRACTICE);
        assertThat(byName.get("devon.socialworker").childProtection()).isTrue();
        assertThat(organisation(byName.get("devon.socialworker")).settingType()).isEqualTo("SOCIAL_CARE");
        assertThat(byName.get("leeds.lateam").roleNames())
                .isEqualTo("la_auditor+la_data_manager+la_shielding_officer+la_user_admin");
        assertThat(organisation(byName.get("leeds.lateam")).code()).isEqualTo("E08000035");
        assertThat(byName.get("national.admin").localAuthority()).isNull();
        assertThat(byName.get("national.admin").roles()).containsExactly(Role.NATIONAL_ADMIN);
        assertThat(population.accounts()).allSatisfy(a -> {
            assertThat(a.dbsCheckDate()).isAfter(TODAY.minusYears(1)).isBefore(TODAY);
            assertThat(a.trainingCompletedOn()).isAfter(TODAY.minusYears(1)).isBefore(TODAY);
            assertThat(a.agreementSignedOn()).isAfter(TODAY.minusYears(1)).isBefore(TODAY);
        });
    }

    @Test
    void storingReplacesOrganisationIndexesWithDatabaseIds() {
        List<NewChild> stored = population.children(index -> 1000 + index);

        assertThat(stored.get(0).settings().get(0).organisationId())
                .isEqualTo(1000 + children.get(0).settings().get(0).organisationId());
        assertThat(stored).allSatisfy(c -> {
            assertThat(c.settings()).allSatisfy(s -> assertThat(s.organisationId()).isGreaterThanOrEqualTo(1000));
            assertThat(c.involvements()).allSatisfy(i -> assertThat(i.organisationId()).isGreaterThanOrEqualTo(1000));
        });
    }

    @Test
    void aPopulationCanBeSmallerThanOneChildPerAuthority() {
        DemoPopulation tiny = DemoPopulation.generate(reference, AUTHORITIES, 2, SEED, TODAY);

        assertThat(tiny.children()).hasSize(2);
        assertThat(tiny.accounts()).hasSize(13);
    }

    @Test
    void anAuthorityWithFewRealPostcodesIsToppedUpWithPostcodesInItsOwnDistricts() {
        LocalAuthorityCode luton = new LocalAuthorityCode("E06000032");
        DemoPopulation small = DemoPopulation.generate(reference, List.of(luton), 300, SEED, TODAY);

        assertThat(small.children().stream().filter(c -> c.address() != null).map(c -> c.address().postcode()).distinct().count())
                .isGreaterThan(reference.postcodes(luton).size());
        assertThat(small.children().stream().filter(c -> c.address() != null))
                .allSatisfy(c -> assertThat(authoritiesByDistrict.get(c.address().postcodeDistrict())).contains(luton.value()));
    }

    @Test
    void anUnknownAuthorityOrBadCountIsRefused() {
        assertThatThrownBy(() -> DemoPopulation.generate(reference, List.of(new LocalAuthorityCode("E06999999")), 10, SEED, TODAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoPopulation.generate(reference, AUTHORITIES, -1, SEED, TODAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoPopulation.generate(reference, List.of(), 10, SEED, TODAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesFromTheLowerCaseSourceFilesAreCapitalisedProperly() {
        assertThat(ReferenceData.properCase("o'neil")).isEqualTo("O'Neil");
        assertThat(ReferenceData.properCase("smith-jones")).isEqualTo("Smith-Jones");
        assertThat(ReferenceData.properCase("mcdonald")).isEqualTo("McDonald");
        assertThat(ReferenceData.properCase("mary ann")).isEqualTo("Mary Ann");
        assertThat(ReferenceData.properCase("mc")).isEqualTo("Mc");
        assertThat(children).allSatisfy(c -> {
            assertThat(c.name().family()).matches("[A-Z].*");
            assertThat(c.name().given()).matches("[A-Z].*");
        });
    }

    private static NewOrganisation organisation(DemoAccount account) {
        return population.organisations().get(account.organisation());
    }

    private static boolean hasCarer(NewChild child, Relationship relationship) {
        return child.carers().stream().anyMatch(p -> p.relationship() == relationship);
    }

    private static boolean hasSensitiveInvolvement(NewChild child) {
        return child.involvements().stream().anyMatch(i -> i.serviceType().sensitive());
    }

    private static long age(NewChild child) {
        return YEARS.between(child.dateOfBirth(), TODAY);
    }

    private static double share(Predicate<NewChild> test) {
        return children.stream().filter(test).count() / (double) children.size();
    }

    /** Read here, not through ReferenceData, so that the test does not check the mapping against itself. */
    private static Map<String, Set<String>> readDistrictMapping() throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                DemoPopulationTest.class.getClassLoader().getResourceAsStream(ReferenceData.DISTRICTS)),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                out.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
            }
        }
        return out;
    }
}
