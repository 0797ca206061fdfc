package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.Carer;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;

class DisclosurePolicyTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final String LEEDS = "E08000035";
    static final LocalAuthority LEEDS_LA = new LocalAuthority(new LocalAuthorityCode(LEEDS), "LDS", "Leeds",
            "Leeds City Council", "MD", "Yorkshire and The Humber", 790000, "0113 496 0999", LiveState.PRACTITIONERS_LIVE);

    static final Organisation SCHOOL = org(10, OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, "Park Primary School");
    static final Organisation GP = org(11, OrganisationKind.GP_PRACTICE, Sector.HEALTH, "Moor Surgery");
    static final Organisation CLINIC = org(12, OrganisationKind.SERVICE, Sector.HEALTH, "Sexual Health Leeds");
    static final Organisation SOCIAL_CARE = org(13, OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Leeds Children's Social Work");

    DisclosurePolicy policy = new DisclosurePolicy(Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneId.of("Europe/London")));

    @Test
    void shouldShowAnOrdinaryRecordInFullToAPractitioner() {
        DisclosedChild seen = policy.apply(child(false, RecordStatus.LIVE), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE)).orElseThrow();

        assertThat(seen.restricted()).isFalse();
        assertThat(seen.address().postcode().value()).isEqualTo("LS6 2AB");
        assertThat(seen.settings()).extracting(s -> s.organisation().name()).containsExactly("Park Primary School", "Moor Surgery");
        assertThat(seen.carers()).singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo("07700 900123"));
        assertThat(seen.localAuthorityName()).isEqualTo("Leeds");
        assertThat(seen.emergencyDutyPhone()).isEqualTo("0113 496 0999");
    }

    @Test
    void shouldHideEverythingButIdentityAndCarersNamesOfAShieldedChild() {
        DisclosedChild seen = policy.apply(child(true, RecordStatus.LIVE), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE)).orElseThrow();

        assertThat(seen.restricted()).isTrue();
        assertThat(seen.name().full()).isEqualTo("Amelia Rose Smith");
        assertThat(seen.dateOfBirth()).isEqualTo(LocalDate.of(2015, 3, 14));
        assertThat(seen.gender()).isEqualTo(Gender.FEMALE);
        assertThat(seen.contactPointId()).isNotNull();
        assertThat(seen.address()).isNull();
        assertThat(seen.whereabouts()).isNull();
        assertThat(seen.localAuthorityName()).isNull();
        assertThat(seen.otherNames()).isEmpty();
        assertThat(seen.settings()).isEmpty();
        assertThat(seen.involvements()).isEmpty();
        assertThat(seen.identifiers()).isEmpty();
        assertThat(seen.carers()).singleElement().satisfies(c -> {
            assertThat(c.name().full()).isEqualTo("Jane Smith");
            assertThat(c.address()).isNull();
            assertThat(c.phone()).isNull();
            assertThat(c.email()).isNull();
            assertThat(c.relationship()).isNull();
        });
    }

    @Test
    void shouldShowAShieldedChildInFullToTheResponsibleLasManagementTeam() {
        Viewer team = viewer(Set.of(Role.LA_DATA_MANAGER), 99, Sector.LOCAL_AUTHORITY, LEEDS);

        DisclosedChild seen = policy.apply(child(true, RecordStatus.LIVE), team).orElseThrow();

        assertThat(seen.restricted()).isFalse();
        assertThat(seen.address()).isNotNull();
        assertThat(seen.involvements()).noneMatch(DisclosedInvolvement::masked);
    }

    @Test
    void shouldNotLetAnotherLasManagementTeamSeePastTheShield() {
        Viewer otherTeam = viewer(Set.of(Role.LA_DATA_MANAGER), 99, Sector.LOCAL_AUTHORITY, "E09000007");

        assertThat(policy.apply(child(true, RecordStatus.LIVE), otherTeam).orElseThrow().restricted()).isTrue();
    }

    @Test
    void shouldMaskASensitiveInvolvementFromOrdinaryUsers() {
        DisclosedChild seen = policy.apply(child(false, RecordStatus.LIVE), practitioner(SCHOOL, Sector.EDUCATION)).orElseThrow();

        assertThat(seen.sensitiveServiceInvolved()).isTrue();
        DisclosedInvolvement masked = seen.involvements().stream().filter(DisclosedInvolvement::masked).findFirst().orElseThrow();
        assertThat(masked.serviceType()).isNull();
        assertThat(masked.organisation()).isNull();
        assertThat(masked.practitionerName()).isNull();
        assertThat(masked.teamName()).isNull();
        assertThat(masked.phone()).isNull();
        assertThat(masked.email()).isNull();
        assertThat(masked.startDate()).isNull();
        assertThat(seen.involvements()).filteredOn(i -> !i.masked())
                .extracting(DisclosedInvolvement::serviceType).containsExactly(ServiceType.SOCIAL_CARE);
    }

    @Test
    void shouldShowASensitiveServiceItsOwnEntry() {
        DisclosedChild seen = policy.apply(child(false, RecordStatus.LIVE), practitioner(CLINIC, Sector.HEALTH)).orElseThrow();

        assertThat(seen.involvements()).noneMatch(DisclosedInvolvement::masked);
        assertThat(seen.involvements()).extracting(DisclosedInvolvement::serviceType).contains(ServiceType.SEXUAL_HEALTH);
    }

    @Test
    void shouldNotShowAnArchivedOrSuppressedRecordToAnyone() {
        Viewer team = viewer(Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER), 99, Sector.LOCAL_AUTHORITY, LEEDS);

        assertThat(policy.apply(child(false, RecordStatus.ARCHIVED), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE))).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.ARCHIVED), team)).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.SUPPRESSED), team)).isEmpty();
    }

    @Test
    void shouldShowSourceIdentifiersOnlyToUsersOfTheAllocatingBody() {
        ChildRecord child = child(false, RecordStatus.LIVE);

        assertThat(policy.apply(child, practitioner(GP, Sector.HEALTH)).orElseThrow().identifiers())
                .extracting(SourceIdentifier::scheme).containsExactly(SourceIdentifier.Scheme.NHS_NUMBER);
        assertThat(policy.apply(child, practitioner(SCHOOL, Sector.EDUCATION)).orElseThrow().identifiers())
                .extracting(SourceIdentifier::scheme).containsExactly(SourceIdentifier.Scheme.UPN);
        assertThat(policy.apply(child, practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE)).orElseThrow().identifiers()).isEmpty();
    }

    @Test
    void shouldLeaveOutEndedInvolvementsAndSettings() {
        DisclosedChild seen = policy.apply(child(false, RecordStatus.LIVE), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE)).orElseThrow();

        assertThat(seen.involvements()).filteredOn(i -> !i.masked())
                .extracting(DisclosedInvolvement::serviceType).doesNotContain(ServiceType.YOUTH_JUSTICE);
    }

    static Viewer practitioner(Organisation org, Sector sector) {
        return viewer(Set.of(Role.PRACTITIONER), org.id(), sector, LEEDS);
    }

    static Viewer viewer(Set<Role> roles, long orgId, Sector sector, String la) {
        Set<String> bodies = sector == Sector.HEALTH ? Set.of("NHS") : sector == Sector.EDUCATION ? Set.of("DFE") : Set.of();
        return new Viewer(1, "someone", orgId, "Org " + orgId, sector.name(), roles, la, false, bodies, "127.0.0.1", "s");
    }

    static Organisation org(long id, OrganisationKind kind, Sector sector, String name) {
        return new Organisation(id, kind, "C" + id, name, sector, null, null, "0113 496 0" + id, null, LEEDS);
    }

    static ChildRecord child(boolean shielded, RecordStatus status) {
        Address home = new Address("12 Oak Road", null, "Leeds", new Postcode("ls62ab"));
        LocalDate start = LocalDate.of(2020, 9, 1);
        return new ChildRecord(42, ContactPointId.fromSequence(42), new PersonName("Amelia", "Rose", "Smith"),
                List.of(new OtherName(OtherName.Kind.FORMER, "Amelia", "Jones", "GRO", start)),
                LocalDate.of(2015, 3, 14), Gender.FEMALE, Whereabouts.CURRENT_ADDRESS, home, null,
                EducationStatus.AT_SCHOOL, LEEDS_LA, status, shielded, null,
                List.of(new Carer(1, new PersonName("Jane", null, "Smith"), Relationship.MOTHER, true, true, home,
                        "07700 900123", "jane@example.org", "GRO", start)),
                List.of(new Setting(1, Setting.Kind.EDUCATION, SCHOOL, start, null, "SCHOOL_CENSUS", start),
                        new Setting(2, Setting.Kind.PRIMARY_CARE, GP, start, null, "NHS_PDS", start)),
                List.of(new Involvement(1, ServiceType.SOCIAL_CARE, SOCIAL_CARE, "Sam Patel", null, "Social worker",
                                "0113 496 0100", "sam@example.org", start, null, true, false, false, "LA", start),
                        new Involvement(2, ServiceType.SEXUAL_HEALTH, CLINIC, "Dr Lee", null, "Nurse", "0113 496 0200",
                                "lee@example.org", start, null, false, false, true, "LA", start),
                        new Involvement(3, ServiceType.YOUTH_JUSTICE, SOCIAL_CARE, "Old Worker", null, "Officer",
                                "0113 496 0300", null, start, TODAY.minusDays(1), false, false, false, "LA", start)),
                List.of(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, "NHS", "9434765919", "NHS_PDS", start),
                        new SourceIdentifier(SourceIdentifier.Scheme.UPN, "DFE", "B801200005001", "SCHOOL_CENSUS", start)),
                List.of());
    }
}
