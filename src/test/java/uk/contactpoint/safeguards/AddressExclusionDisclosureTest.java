package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import uk.contactpoint.access.Role;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.AddressKey;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.Whereabouts;

/**
 * The disclosure policy and the address exclusion register (ADR 22): an excluded address reads "no address shown"
 * to everyone but the management team of the child's LA, for the child and for carers living there.
 */
class AddressExclusionDisclosureTest {

    /** The register holds "12 Oak Rd, LS6 2AB": the fixture child and its mother live at "12 Oak Road". */
    static final AddressKey REFUGE = AddressKey.of("12 Oak Rd", "LS62AB").orElseThrow();
    static final ExcludedAddresses REGISTER = addresses -> addresses.stream()
            .filter(a -> AddressKey.of(a).filter(REFUGE::covers).isPresent()).collect(Collectors.toSet());

    DisclosurePolicy policy = new DisclosurePolicy(Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneId.of("Europe/London")));

    @Test
    void shouldShowNoAddressForAChildAndCarerAtAnExcludedAddressToAPractitioner() {
        policy.excludedAddresses(REGISTER);
        DisclosedChild seen = policy.apply(DisclosurePolicyTest.child(false, RecordStatus.LIVE),
                DisclosurePolicyTest.practitioner(DisclosurePolicyTest.SOCIAL_CARE, Sector.SOCIAL_CARE)).orElseThrow();

        assertThat(seen.whereabouts()).isEqualTo(Whereabouts.ADDRESS_NOT_SHOWN);
        assertThat(seen.whereabouts().label()).isEqualTo("No address shown");
        assertThat(seen.address()).isNull();
        assertThat(seen.carers()).singleElement().satisfies(c -> {
            assertThat(c.address()).isNull();
            assertThat(c.phone()).isEqualTo("07700 900123");
        });
        assertThat(seen.settings()).as("the rest of the record is shown").isNotEmpty();
    }

    @Test
    void shouldShowTheAddressToTheManagementTeamOfTheChildsLa() {
        policy.excludedAddresses(REGISTER);
        DisclosedChild seen = policy.apply(DisclosurePolicyTest.child(false, RecordStatus.LIVE),
                DisclosurePolicyTest.viewer(Set.of(Role.LA_DATA_MANAGER), 99, Sector.LOCAL_AUTHORITY, DisclosurePolicyTest.LEEDS))
                .orElseThrow();

        assertThat(seen.address().line1()).isEqualTo("12 Oak Road");
        assertThat(seen.whereabouts()).isEqualTo(Whereabouts.CURRENT_ADDRESS);
    }

    @Test
    void shouldShowAnAddressThatIsNotOnTheRegister() {
        policy.excludedAddresses(addresses -> Set.<Address>of());
        DisclosedChild seen = policy.apply(DisclosurePolicyTest.child(false, RecordStatus.LIVE),
                DisclosurePolicyTest.practitioner(DisclosurePolicyTest.SOCIAL_CARE, Sector.SOCIAL_CARE)).orElseThrow();

        assertThat(seen.address().line1()).isEqualTo("12 Oak Road");
        assertThat(seen.carers()).singleElement().satisfies(c -> assertThat(c.address()).isNotNull());
    }

    @Test
    void shouldNormaliseTheFirstLineAndCoverTheFlatsOfAnExcludedBuilding() {
        assertThat(REFUGE.line1()).isEqualTo("12 OAK ROAD");
        assertThat(REFUGE.postcode()).isEqualTo("LS6 2AB");
        assertThat(REFUGE.covers(AddressKey.of("12, Oak  Road.", "ls6 2ab").orElseThrow())).isTrue();
        assertThat(REFUGE.covers(AddressKey.of("Flat 2, 12 Oak Road", "LS6 2AB").orElseThrow())).isTrue();
        assertThat(REFUGE.covers(AddressKey.of("112 Oak Road", "LS6 2AB").orElseThrow())).isFalse();
        assertThat(REFUGE.covers(AddressKey.of("12 Oak Road", "LS6 2AD").orElseThrow())).isFalse();
        assertThat(AddressKey.of("3 High St", "LS1 4AP").orElseThrow().line1()).isEqualTo("3 HIGH STREET");
        assertThat(AddressKey.of("St Mary's Road", "LS1 4AP").orElseThrow().line1()).isEqualTo("ST MARY S ROAD");
        assertThat(AddressKey.of("", "LS1 4AP")).isEmpty();
        assertThat(AddressKey.of("3 High Street", "not a postcode")).isEmpty();
    }
}
