package uk.contactpoint;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.synthetic.FixtureNhsNumbers;

/**
 * Builds children, organisations and users in the database under test through the modules' public APIs.
 * Every call makes fresh, unique rows, so tests never depend on what else is in the database.
 */
@Component
public class TestFixtures {

    public static final String LEEDS = "E08000035";
    public static final String PASSWORD = "correct horse battery staple";
    /** The PIN of every fixture user. */
    public static final String PIN = "24681357";

    private final Directory directory;
    private final UserAccounts users;
    private final Map<String, String> totpSecrets = new ConcurrentHashMap<>();

    TestFixtures(Directory directory, UserAccounts users) {
        this.directory = directory;
        this.users = users;
    }

    public record Child(long id, ContactPointId contactPointId, long sensitiveServiceOrganisation) {
    }

    /** A Leeds child with an address, a school, a carer, a social worker and a sexual-health involvement. */
    public Child child(boolean shielded) {
        return child("Zebedee", "Quixley", LocalDate.of(2012, 5, 17), "LS6 2AB", shielded);
    }

    /** A Leeds child with these names, date of birth and postcode, and the same carer and services as above. */
    public Child child(String given, String family, LocalDate dateOfBirth, String postcode, boolean shielded) {
        return child(given, family, dateOfBirth, postcode, shielded, "7 Quarry Street", "07700 900777", "Nurse Confidential");
    }

    /** As above, with these values in the fields some viewers must not see: the home's first line, the carer's phone and the sensitive service's practitioner. */
    public Child child(String given, String family, LocalDate dateOfBirth, String postcode, boolean shielded,
                       String addressLine, String carerPhone, String sensitivePractitioner) {
        long school = organisation(OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, "Test Primary School");
        long clinic = organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Test Sexual Health Clinic");
        long socialCare = organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Test Social Work Team");
        ContactPointId cp = ContactPointId.generate(ThreadLocalRandom.current());
        LocalDate start = LocalDate.of(2024, 9, 1);
        Address home = new Address(addressLine, null, "Leeds", new Postcode(postcode));
        NewChild child = new NewChild(cp, new PersonName(given, null, family), List.of(),
                dateOfBirth, Gender.MALE, Whereabouts.CURRENT_ADDRESS, home, null,
                EducationStatus.AT_SCHOOL, new LocalAuthorityCode(LEEDS), shielded,
                List.of(new NewChild.NewCarer(new PersonName("Xanthe", null, family), Relationship.MOTHER, true, true,
                        home, carerPhone, "xanthe@example.org")),
                List.of(new NewChild.NewSetting(Setting.Kind.EDUCATION, school, start, null)),
                List.of(new NewChild.NewInvolvement(ServiceType.SOCIAL_CARE, socialCare, "Sam Social", null,
                                "Social worker", "0113 496 0100", "sam@example.org", start, null, true, false),
                        new NewChild.NewInvolvement(ServiceType.SEXUAL_HEALTH, clinic, sensitivePractitioner, null,
                                "Nurse", "0113 496 0200", "clinic@example.org", start, null, false, false)),
                List.of(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS,
                        FixtureNhsNumbers.next().value(), "NHS_PDS", start)),
                "LA", start);
        long id = directory.add(List.of(child)).get(0);
        return new Child(id, cp, clinic);
    }

    public long organisation(OrganisationKind kind, Sector sector, String name) {
        return directory.addOrganisation(new NewOrganisation(kind, "T" + ThreadLocalRandom.current().nextLong(1L << 40),
                name, sector, null, null, "0113 496 0000", null, new LocalAuthorityCode(LEEDS), true));
    }

    /**
     * Creates a vetted user and returns the username; the password is {@link #PASSWORD}, the PIN
     * {@link #PIN} and the TOTP secret {@link #totpSecret(String)}.
     */
    public String user(Set<Role> roles, long organisation, boolean childProtection) {
        return user(roles, organisation, childProtection, LEEDS);
    }

    /** As {@link #user(Set, long, boolean)}, for a user of another local authority (by GSS code). */
    public String user(Set<Role> roles, long organisation, boolean childProtection, String localAuthority) {
        String username = "user" + ThreadLocalRandom.current().nextLong(1L << 40);
        LocalDate recently = LocalDate.now().minusMonths(2);
        String secret = Totp.newSecret();
        users.create(new NewUser(username, PASSWORD, "Test User", null, null, organisation, localAuthority, roles,
                childProtection, recently, recently, recently, PIN, secret));
        totpSecrets.put(username, secret);
        return username;
    }

    /** The base32 TOTP secret of a user made by {@link #user}. */
    public String totpSecret(String username) {
        return totpSecrets.get(username);
    }

    public static Viewer practitioner(long organisation, String sector) {
        return new Viewer(1, "tester", organisation, "Test organisation", sector, Set.of(Role.PRACTITIONER), LEEDS,
                false, Set.of(), "127.0.0.1", "session");
    }

    /** A member of the Leeds management team with these sub-roles (not a stored user: for service-level tests). */
    public static Viewer laTeam(Set<Role> roles) {
        return new Viewer(2, "la-team", 0, "Leeds ContactPoint team", "LOCAL_AUTHORITY", roles, LEEDS,
                false, Set.of(), "127.0.0.1", "session");
    }
}
