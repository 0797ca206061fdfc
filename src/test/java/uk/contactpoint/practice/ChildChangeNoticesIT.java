package uk.contactpoint.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.notify.EmailFrequency;
import uk.contactpoint.notify.NotificationPreferences;
import uk.contactpoint.safeguards.Retention;
import uk.contactpoint.safeguards.Shielding;

/**
 * The notifications of issue 9 end to end on the real context: each change to a child tells the others who
 * work with the child what the disclosure policy lets each of them see, never the one who made it, and the
 * email (GreenMail) says only that there is a notification.
 */
@SpringBootTest
@ActiveProfiles("test")
class ChildChangeNoticesIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    Involvements involvements;
    @Autowired
    UserAccounts accounts;
    @Autowired
    NotificationPreferences preferences;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    Shielding shielding;
    @Autowired
    Retention retention;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    /** A stored user with a unique name, email and phone, and the viewer they act as. */
    private record Person(long id, String name, String email, String phone, String organisation, Viewer viewer) {
    }

    private Person person(Set<Role> roles, Sector sector, String organisationName, String la) {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String organisation = organisationName + " " + tag;
        long org = fixtures.organisation(OrganisationKind.SERVICE, sector, organisation);
        String name = "Pat" + tag + " Worker";
        String email = "pat" + tag + "@example.gov.uk";
        String phone = "0113 496 " + (1000 + ThreadLocalRandom.current().nextInt(8999));
        LocalDate vetted = LocalDate.now().minusMonths(2);
        long id = accounts.create(new NewUser("u" + tag, TestFixtures.PASSWORD, name, email, phone, org, la, roles, false,
                vetted, vetted, vetted, TestFixtures.PIN, Totp.newSecret()));
        return new Person(id, name, email, phone, organisation, accounts.recipient(id).orElseThrow());
    }

    private Person practitioner(Sector sector, String organisation) {
        return person(Set.of(Role.PRACTITIONER), sector, organisation, TestFixtures.LEEDS);
    }

    /** A unique child (names, date of birth and address no other test uses). */
    private record Kid(TestFixtures.Child child, String given, String family, LocalDate born, String addressLine, String postcode) {
    }

    private Kid kid(boolean shielded) {
        String tag = word();
        LocalDate born = LocalDate.of(2014, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1500));
        String line = ThreadLocalRandom.current().nextInt(10, 99) + " Pellow" + word() + " Road";
        TestFixtures.Child c = fixtures.child("Quenby" + tag, "Marlow" + tag, born, "LS6 2AB", shielded, line,
                "07700 9" + (10000 + ThreadLocalRandom.current().nextInt(89999)), "Nurse " + word());
        return new Kid(c, "Quenby" + tag, "Marlow" + tag, born, line, "LS6 2AB");
    }

    private static String word() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    private long record(Person p, Kid kid, ServiceType service, String role) {
        return involvements.record(p.viewer(), kid.child().contactPointId(), new NewEntry(LocalDate.now().minusDays(3), service,
                role, null, p.phone(), p.email(), false, service.sensitive()
                ? uk.contactpoint.practice.EntryGround.consent(uk.contactpoint.practice.EntryGround.ConsentBy.CHILD,
                LocalDate.now().minusDays(3), "contact with the school nurse") : null));
    }

    @Test
    void aSecondPractitionersInvolvementTellsTheFirstWhoTheyAreAndHowToReachThemInAContentFreeEmail() throws Exception {
        Kid kid = kid(false);
        Person first = practitioner(Sector.HEALTH, "Leeds Health Visitors");
        preferences.set(first.id(), EmailFrequency.IMMEDIATE);
        record(first, kid, ServiceType.HEALTH_VISITING, "Health visitor");
        Person second = practitioner(Sector.EDUCATION, "Leeds Education Welfare");
        record(second, kid, ServiceType.EDUCATION_WELFARE, "Education welfare officer");

        String notice = eventually(() -> notices(first.id()), 1).get(0);
        assertThat(notice).startsWith("Another practitioner is working with a child you work with")
                .contains(second.name(), second.organisation(), "Education welfare officer", second.phone(), second.email(),
                        kid.child().contactPointId().value());
        assertThat(notice).doesNotContain(kid.given(), kid.family(), kid.addressLine());

        List<MimeMessage> emails = emailsTo(first.email(), 1);
        assertThat(emails).hasSize(1);
        String email = emails.get(0).getSubject() + "\n" + GreenMailUtil.getBody(emails.get(0));
        assertThat(email).contains("You have a new notification", "/notifications")
                .doesNotContain(kid.given(), kid.family(), kid.addressLine(), kid.postcode(), kid.child().contactPointId().value(),
                        kid.born().toString(), kid.born().format(DateTimeFormatter.ofPattern("d MMMM yyyy")),
                        second.name(), second.phone(), second.email());
        assertThat(jdbc.sql("SELECT emailed_at IS NOT NULL FROM notification WHERE user_id = :u").param("u", first.id())
                .query(Boolean.class).single()).isTrue();

        assertThat(notices(second.id())).as("nobody is told of their own act").isEmpty();
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE e.action = 'NOTIFICATION' AND c.child_id = :child AND e.actor = :who""")
                .param("child", kid.child().id()).param("who", first.viewer().username()).query(Long.class).single())
                .as("the disclosure to the first practitioner is audited as theirs").isEqualTo(1);
    }

    @Test
    void aSensitiveServiceIsAnnouncedOnlyAsSuchExceptToItsOwnPractitioners() throws Exception {
        Kid kid = kid(false);
        Person other = practitioner(Sector.HEALTH, "Leeds School Nursing");
        record(other, kid, ServiceType.SCHOOL_NURSING, "School nurse");
        Person colleague = practitioner(Sector.HEALTH, "unused");
        // A colleague in the clinic that will record the sensitive entry: its own staff see its details.
        Person clinician = person(Set.of(Role.PRACTITIONER), Sector.HEALTH, "Leeds Sexual Health", TestFixtures.LEEDS);
        long clinicOrg = clinician.viewer().organisationId();
        Person sameClinic = sameOrganisation(clinicOrg, clinician.organisation());
        record(sameClinic, kid, ServiceType.SEXUAL_HEALTH, "Clinic nurse");
        eventually(() -> notices(other.id()), 1);

        record(clinician, kid, ServiceType.SEXUAL_HEALTH, "Sexual health adviser");
        List<String> toOther = eventually(() -> notices(other.id()), 2);
        String latest = toOther.get(toOther.size() - 1);
        assertThat(latest).startsWith("A sensitive service is working with a child you work with")
                .contains(kid.child().contactPointId().value())
                .doesNotContain(clinician.name(), clinician.phone(), clinician.email(), clinician.organisation(),
                        "Sexual health", "adviser");
        assertThat(toOther.get(0)).as("the first sensitive entry was announced the same way")
                .doesNotContain(sameClinic.name(), sameClinic.phone(), "Sexual health");

        String toColleague = eventually(() -> notices(sameClinic.id()), 1).get(0);
        assertThat(toColleague).startsWith("Another practitioner is working with a child you work with")
                .contains(clinician.name(), clinician.phone(), "Sexual health");
        assertThat(notices(colleague.id())).as("not involved: not told").isEmpty();
    }

    private Person sameOrganisation(long organisationId, String organisationName) {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        LocalDate vetted = LocalDate.now().minusMonths(2);
        String email = "same" + tag + "@example.gov.uk";
        long id = accounts.create(new NewUser("s" + tag, TestFixtures.PASSWORD, "Sam" + tag + " Colleague", email,
                "0113 496 7777", organisationId, TestFixtures.LEEDS, Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted,
                TestFixtures.PIN, Totp.newSecret()));
        return new Person(id, "Sam" + tag + " Colleague", email, "0113 496 7777", organisationName, accounts.recipient(id).orElseThrow());
    }

    @Test
    void onAShieldedRecordTheNewcomerIsAnnouncedWithItsDetailsRestricted() throws Exception {
        Kid kid = kid(true);
        Person first = practitioner(Sector.SOCIAL_CARE, "Leeds Early Help");
        record(first, kid, ServiceType.EARLY_HELP, "Family support worker");
        Person second = practitioner(Sector.HEALTH, "Leeds Speech Therapy");
        record(second, kid, ServiceType.SPEECH_AND_LANGUAGE, "Speech therapist");

        String notice = eventually(() -> notices(first.id()), 1).get(0);
        assertThat(notice).contains("Details restricted", kid.child().contactPointId().value())
                .doesNotContain(second.name(), second.phone(), second.email(), second.organisation(), "Speech",
                        kid.addressLine(), kid.postcode(), kid.given(), kid.family());
    }

    @Test
    void shieldingTellsThoseInvolvedOnlyThatTheDetailsAreRestricted() throws Exception {
        Kid kid = kid(false);
        Person a = practitioner(Sector.HEALTH, "Leeds Health Visitors");
        record(a, kid, ServiceType.HEALTH_VISITING, "Health visitor");
        Person officer = person(Set.of(Role.LA_SHIELDING_OFFICER), Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team", TestFixtures.LEEDS);
        shielding.shield(officer.viewer(), kid.child().contactPointId(), Shielding.ReasonCategory.DOMESTIC_VIOLENCE_OR_REFUGE,
                "the child's mother through the LA", LocalDate.now().plusMonths(6));

        String notice = eventually(() -> notices(a.id()), 1).get(0);
        assertThat(notice).isEqualTo("Details restricted The details of the child with ContactPoint ID "
                + kid.child().contactPointId().value() + " are now restricted.");
        assertThat(notices(officer.id())).isEmpty();
    }

    @Test
    void endingLeadProfessionalAndDeathAreEachToldToTheOthersInvolved() throws Exception {
        Kid kid = kid(false);
        String cp = kid.child().contactPointId().value();
        Person a = practitioner(Sector.HEALTH, "Leeds Health Visitors");
        record(a, kid, ServiceType.HEALTH_VISITING, "Health visitor");
        Person b = practitioner(Sector.SOCIAL_CARE, "Leeds Youth Service");
        long bEntry = record(b, kid, ServiceType.YOUTH_SERVICE, "Youth worker");
        notice(a, "Another practitioner is working with a child you work with");

        involvements.proposeLeadProfessional(b.viewer(), bEntry, LocalDate.now());
        assertThat(notice(a, "The lead professional for a child you work with has changed")).contains(b.name(), b.phone(), cp);

        Person c = practitioner(Sector.EDUCATION, "Leeds SEN Team");
        long cEntry = record(c, kid, ServiceType.SPECIAL_EDUCATIONAL_NEEDS, "SEN officer");
        involvements.proposeLeadProfessional(c.viewer(), cEntry, LocalDate.now());
        assertThat(notice(b, "You are no longer a child's lead professional")).contains(c.name(), cp);
        assertThat(notices(c.id())).as("their own acts").isEmpty();

        involvements.end(c.viewer(), cEntry, LocalDate.now());
        assertThat(notice(a, "An involvement with a child you work with has ended")).contains(c.name(), "Leeds SEN Team", cp);
        assertThat(notice(b, "An involvement with a child you work with has ended")).contains(c.name());

        Person d = practitioner(Sector.VOLUNTARY, "Leeds Young Carers");
        long dEntry = record(d, kid, ServiceType.VOLUNTARY, "Young carers worker");
        Person leedsTeam = person(Set.of(Role.LA_DATA_MANAGER), Sector.LOCAL_AUTHORITY, "Leeds Team", TestFixtures.LEEDS);
        involvements.end(leedsTeam.viewer(), dEntry, LocalDate.now());
        assertThat(notice(d, "Your involvement with a child has ended")).contains("local authority's ContactPoint team", cp);

        // A move between authorities is told by the transfers module when the receiving team accepts (ADR 42, TransfersIT).
        Person deathRecorder = person(Set.of(Role.LA_DATA_MANAGER), Sector.LOCAL_AUTHORITY, "Leeds Data", TestFixtures.LEEDS);
        retention.recordDeath(deathRecorder.viewer(), kid.child().contactPointId(), LocalDate.now().minusDays(1));
        assertThat(notice(a, "A child you work with has died")).contains(cp).doesNotContain(LocalDate.now().minusDays(1).toString());
        assertThat(notice(b, "A child you work with has died")).contains(cp);
        Thread.sleep(300);
        assertThat(notices(c.id())).as("ended: no longer told").noneMatch(n -> n.contains("has died"));
        assertThat(notices(deathRecorder.id())).isEmpty();
    }

    /** The first notification to this person starting with this subject, waiting (up to 10 s) for it to arrive. */
    private String notice(Person to, String subject) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            for (String n : notices(to.id())) {
                if (n.startsWith(subject)) {
                    return n;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no notification \"" + subject + "\" to " + to.name() + ": " + notices(to.id()));
    }

    private List<String> notices(long userId) {
        return jdbc.sql("SELECT subject || ' ' || body FROM notification WHERE user_id = :u ORDER BY id").param("u", userId)
                .query(String.class).list();
    }

    /** Waits (up to 10 s) for at least {@code expected} items; delivery is after commit, asynchronous. */
    private static List<String> eventually(Supplier<List<String>> read, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> items;
        do {
            items = read.get();
            if (items.size() >= expected) {
                return items;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return items;
    }

    private static List<MimeMessage> emailsTo(String address, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<MimeMessage> found;
        do {
            found = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).contains(address)).toList();
            if (found.size() >= expected) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return found;
    }

    private static String to(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
