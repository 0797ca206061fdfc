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
            "Leeds City Council", "MD", "Yorkshire and The Humber", 790000, "0113 496 0999", LiveState.PRACTITIONERS_LIVE,
            "0113 496 0900");

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
    void shouldFindTheEntryBehindAMaskedLineOnlyWhereThatViewerSeesItMasked() {
        ChildRecord record = child(false, RecordStatus.LIVE);
        Viewer school = practitioner(SCHOOL, Sector.EDUCATION);
        List<DisclosedInvolvement> lines = policy.apply(record, school).orElseThrow().involvements();
        int masked = lines.indexOf(lines.stream().filter(DisclosedInvolvement::masked).findFirst().orElseThrow());

        assertThat(policy.maskedEntryAt(record, school, masked)).hasValueSatisfying(i -> {
            assertThat(i.sensitive()).isTrue();
            assertThat(i.organisation()).isEqualTo(CLINIC);
        });
        for (int other = -1; other <= lines.size(); other++) {
            if (other != masked) {
                assertThat(policy.maskedEntryAt(record, school, other)).as("line %d", other).isEmpty();
            }
        }
        assertThat(policy.maskedEntryAt(record, practitioner(CLINIC, Sector.HEALTH), masked)).as("its own service").isEmpty();
        assertThat(policy.maskedEntryAt(record, viewer(Set.of(Role.LA_DATA_MANAGER), 99, Sector.LOCAL_AUTHORITY, LEEDS), masked))
                .as("the LA team").isEmpty();
        assertThat(policy.maskedEntryAt(child(true, RecordStatus.LIVE), school, masked)).as("a restricted record").isEmpty();
        assertThat(policy.maskedEntryAt(child(false, RecordStatus.ARCHIVED), school, masked)).as("an archived record").isEmpty();
    }

    @Test
    void shouldNotShowAnArchivedRecordToAnyoneThroughTheLivePath() {
        Viewer team = viewer(Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER), 99, Sector.LOCAL_AUTHORITY, LEEDS);

        assertThat(policy.apply(child(false, RecordStatus.ARCHIVED), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE))).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.ARCHIVED), team)).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.MERGED), team)).isEmpty();
    }

    @Test
    void shouldShowASuppressedRecordOnlyToTheManagementTeamOfItsLaMarkedAsSuppressed() {
        Viewer team = viewer(Set.of(Role.LA_SHIELDING_OFFICER), 99, Sector.LOCAL_AUTHORITY, LEEDS);
        Viewer otherTeam = viewer(Set.of(Role.LA_DATA_MANAGER), 99, Sector.LOCAL_AUTHORITY, "E09000007");
        Viewer national = viewer(Set.of(Role.NATIONAL_ADMIN), 97, Sector.NATIONAL, null);
        Viewer cp = new Viewer(5, "cp", SOCIAL_CARE.id(), "x", "SOCIAL_CARE", Set.of(Role.PRACTITIONER), LEEDS, true, Set.of(), "ip", "s");

        DisclosedChild seen = policy.apply(child(true, RecordStatus.SUPPRESSED), team).orElseThrow();
        assertThat(seen.suppressed()).isTrue();
        assertThat(seen.restricted()).isFalse();
        assertThat(policy.apply(child(false, RecordStatus.SUPPRESSED), otherTeam)).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.SUPPRESSED), national)).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.SUPPRESSED), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE))).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.SUPPRESSED), cp)).isEmpty();
        assertThat(policy.applyBreakGlass(child(true, RecordStatus.SUPPRESSED), cp)).isEmpty();
        assertThat(policy.apply(child(false, RecordStatus.LIVE), team).orElseThrow().suppressed()).isFalse();
    }

    /** An archived record as of a day: archived {@code daysAgo} days before the policy's today. */
    static ChildRecord archived(boolean shielded, int daysAgo) {
        ChildRecord c = child(shielded, RecordStatus.ARCHIVED);
        return new ChildRecord(c.id(), c.contactPointId(), c.name(), c.otherNames(), c.dateOfBirth(), c.gender(), c.whereabouts(),
                c.address(), c.dateOfDeath(), c.educationStatus(), c.responsibleLa(), c.status(), c.shielded(),
                TODAY.minusDays(daysAgo), c.carers(), c.settings(), c.involvements(), c.identifiers(), c.provenance());
    }

    @Test
    void shouldShowAnArchivedRecordToItsLasDataManagersForTheFirstYearOnly() {
        Viewer manager = viewer(Set.of(Role.LA_DATA_MANAGER), 99, Sector.LOCAL_AUTHORITY, LEEDS);
        Viewer shieldingOfficer = viewer(Set.of(Role.LA_SHIELDING_OFFICER), 99, Sector.LOCAL_AUTHORITY, LEEDS);
        Viewer otherManager = viewer(Set.of(Role.LA_DATA_MANAGER), 99, Sector.LOCAL_AUTHORITY, "E09000007");

        DisclosedChild seen = policy.applyArchived(archived(true, 364), manager, null).orElseThrow();
        assertThat(seen.archived()).isTrue();
        assertThat(seen.restricted()).isFalse();
        assertThat(seen.address()).isNotNull();
        // archived on 22 November 2025: the first anniversary, 22 November 2026, is the first day it is gone
        assertThat(policy.applyArchived(archived(false, 365), manager, null)).isEmpty();
        assertThat(policy.applyArchived(archived(false, 366), manager, null)).isEmpty();
        assertThat(policy.applyArchived(archived(false, 10), shieldingOfficer, null)).isEmpty();
        assertThat(policy.applyArchived(archived(false, 10), otherManager, null)).isEmpty();
        assertThat(policy.applyArchived(child(false, RecordStatus.LIVE), manager, null)).as("live records are not archive views").isEmpty();
    }

    @Test
    void shouldShowAnArchivedRecordToANationalAdministratorOnlyForAStatutoryPurpose() {
        Viewer national = viewer(Set.of(Role.NATIONAL_ADMIN), 97, Sector.NATIONAL, null);

        assertThat(policy.applyArchived(archived(false, 2000), national, null)).isEmpty();
        for (DisclosurePolicy.ArchivePurpose purpose : DisclosurePolicy.ArchivePurpose.values()) {
            DisclosedChild seen = policy.applyArchived(archived(true, 2000), national, purpose).orElseThrow();
            assertThat(seen.restricted()).as("a statutory purpose sees past the shield").isFalse();
            assertThat(seen.involvements()).as("but not a sensitive service").anyMatch(DisclosedInvolvement::masked);
        }
        assertThat(policy.applyArchived(archived(false, 30), national, DisclosurePolicy.ArchivePurpose.SERIOUS_CASE_REVIEW)).isPresent();
    }

    @Test
    void shouldNeverShowAnArchivedRecordToAPractitioner() {
        Viewer cp = new Viewer(5, "cp", SOCIAL_CARE.id(), "x", "SOCIAL_CARE", Set.of(Role.PRACTITIONER), LEEDS, true, Set.of(), "ip", "s");
        for (int days : new int[] {0, 10, 364, 366, 3000}) {
            for (DisclosurePolicy.ArchivePurpose purpose : DisclosurePolicy.ArchivePurpose.values()) {
                assertThat(policy.applyArchived(archived(false, days), cp, purpose)).isEmpty();
                assertThat(policy.applyArchived(archived(false, days), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE), purpose)).isEmpty();
            }
            assertThat(policy.apply(archived(false, days), cp)).isEmpty();
            assertThat(policy.applyBreakGlass(archived(true, days), cp)).isEmpty();
        }
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
    void shouldListEndedInvolvementsApartFromCurrentOnes() {
        DisclosedChild seen = policy.apply(child(false, RecordStatus.LIVE), practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE)).orElseThrow();

        assertThat(seen.involvements()).filteredOn(i -> !i.masked())
                .extracting(DisclosedInvolvement::serviceType).doesNotContain(ServiceType.YOUTH_JUSTICE);
        assertThat(seen.endedInvolvements()).extracting(DisclosedInvolvement::serviceType).containsExactly(ServiceType.YOUTH_JUSTICE);
        assertThat(seen.endedInvolvements().get(0).endedReason()).isEqualTo("ENDED");
        assertThat(seen.contactPointTeamPhone()).isEqualTo("0113 496 0900");
    }

    @Test
    void shouldShowAShieldedChildsPractitionerOnlyTheirOwnEntry() {
        Viewer social = practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE);
        DisclosedChild seen = policy.apply(child(true, RecordStatus.LIVE), social).orElseThrow();
        assertThat(seen.involvements()).isEmpty();

        DisclosedChild mine = policy.apply(child(true, RecordStatus.LIVE, social.userId()), social).orElseThrow();
        assertThat(mine.involvements()).singleElement().satisfies(i -> {
            assertThat(i.mine()).isTrue();
            assertThat(i.practitionerName()).isEqualTo("Sam Patel");
        });
        assertThat(mine.endedInvolvements()).isEmpty();
        assertThat(mine.contactPointTeamPhone()).isNull();
    }

    @Test
    void shouldShowAShieldedChildPastTheShieldOnBreakGlassButKeepSensitiveServicesMasked() {
        Viewer cp = childProtection(practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE));

        DisclosedChild seen = policy.applyBreakGlass(child(true, RecordStatus.LIVE), cp).orElseThrow();

        assertThat(seen.restricted()).isFalse();
        assertThat(seen.address().line1()).isEqualTo("12 Oak Road");
        assertThat(seen.settings()).extracting(s -> s.organisation().name()).containsExactly("Park Primary School", "Moor Surgery");
        assertThat(seen.carers()).singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo("07700 900123"));
        assertThat(seen.involvements()).filteredOn(i -> !i.masked())
                .extracting(DisclosedInvolvement::serviceType).containsExactly(ServiceType.SOCIAL_CARE);
        DisclosedInvolvement masked = seen.involvements().stream().filter(DisclosedInvolvement::masked).findFirst().orElseThrow();
        assertThat(masked.organisation()).isNull();
        assertThat(masked.practitionerName()).isNull();
        assertThat(masked.phone()).isNull();
        assertThat(seen.endedInvolvements()).noneMatch(DisclosedInvolvement::masked);
        assertThat(policy.apply(child(true, RecordStatus.LIVE), cp).orElseThrow().restricted())
                .as("the ordinary policy still restricts the same viewer").isTrue();
    }

    @Test
    void shouldNeverUnmaskASensitiveServiceOnBreakGlassEvenForItsOwnSector() {
        Viewer cp = childProtection(practitioner(GP, Sector.HEALTH));

        DisclosedChild seen = policy.applyBreakGlass(child(false, RecordStatus.LIVE), cp).orElseThrow();

        assertThat(seen.involvements()).filteredOn(DisclosedInvolvement::masked).hasSize(1);
        assertThat(seen.involvements()).extracting(DisclosedInvolvement::serviceType).doesNotContain(ServiceType.SEXUAL_HEALTH);
    }

    @Test
    void shouldRefuseBreakGlassWithoutTheChildProtectionFlagOrThroughACallOrOnAnArchivedRecord() {
        Viewer plain = practitioner(SOCIAL_CARE, Sector.SOCIAL_CARE);
        Viewer cp = childProtection(plain);
        Viewer caller = new Viewer(cp.userId(), cp.username(), cp.organisationId(), cp.organisationName(), cp.sector(), cp.roles(),
                cp.localAuthority(), true, cp.allocatingBodies(), cp.remoteAddress(), cp.sessionRef(),
                new uk.contactpoint.access.Mediation("operator", "Org", "PRACTITIONER",
                        uk.contactpoint.access.Mediation.Verification.TOKEN_CODE, "call"));
        Viewer teamWithFlag = new Viewer(5, "team", 99, "Team", "LOCAL_AUTHORITY", Set.of(Role.LA_AUDITOR), LEEDS, true,
                Set.of(), "127.0.0.1", "s");

        assertThat(policy.applyBreakGlass(child(true, RecordStatus.LIVE), plain)).isEmpty();
        assertThat(policy.applyBreakGlass(child(true, RecordStatus.LIVE), caller)).isEmpty();
        assertThat(policy.applyBreakGlass(child(true, RecordStatus.LIVE), teamWithFlag)).as("not a practitioner").isEmpty();
        assertThat(policy.applyBreakGlass(child(true, RecordStatus.ARCHIVED), cp)).isEmpty();
        assertThat(policy.applyBreakGlass(child(true, RecordStatus.SUPPRESSED), cp)).isEmpty();
    }

    static Viewer childProtection(Viewer v) {
        return new Viewer(v.userId(), v.username(), v.organisationId(), v.organisationName(), v.sector(), v.roles(),
                v.localAuthority(), true, v.allocatingBodies(), v.remoteAddress(), v.sessionRef());
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
        return child(shielded, status, null);
    }

    /** The child, with its social worker's entry recorded by hand by this user (or by a feed when null). */
    static ChildRecord child(boolean shielded, RecordStatus status, Long socialWorkerRecordedBy) {
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
                                "0113 496 0100", "sam@example.org", start, null, true, false, false, "LA", start, socialWorkerRecordedBy, null),
                        new Involvement(2, ServiceType.SEXUAL_HEALTH, CLINIC, "Dr Lee", null, "Nurse", "0113 496 0200",
                                "lee@example.org", start, null, false, false, true, "LA", start, null, null),
                        new Involvement(3, ServiceType.YOUTH_JUSTICE, SOCIAL_CARE, "Old Worker", null, "Officer",
                                "0113 496 0300", null, start, TODAY.minusDays(1), false, false, false, "LA", start, null, "ENDED")),
                List.of(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, "NHS", "9434765919", "NHS_PDS", start),
                        new SourceIdentifier(SourceIdentifier.Scheme.UPN, "DFE", "B801200005001", "SCHOOL_CENSUS", start)),
                List.of());
    }
}
