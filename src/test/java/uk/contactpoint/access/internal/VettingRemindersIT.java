package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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
import com.icegreen.greenmail.util.ServerSetupTest;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Vetting reminders over real SMTP (GreenMail on loopback): 60, 30 and 7 days before a DBS check turns 3
 * years old, once each, the manager from 30 days on, and both on the day access stops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VettingRemindersIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    VettingReminders reminders;
    @Autowired
    UserAccounts accounts;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private long user(String email, LocalDate dbsCheck, Long managerId) {
        long org = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "School Nursing");
        String name = "rem" + ThreadLocalRandom.current().nextLong(1L << 40);
        long id = accounts.create(new NewUser(name, TestFixtures.PASSWORD, "Rita Reminder", email, null, org,
                TestFixtures.LEEDS, Set.of(Role.PRACTITIONER), false, dbsCheck, dbsCheck, dbsCheck, TestFixtures.PIN,
                Totp.newSecret()));
        jdbc.sql("UPDATE app_user SET manager_id = :m WHERE id = :id").param("m", managerId).param("id", id).update();
        return id;
    }

    @Test
    void shouldRemindAt60And30And7DaysOnceEachAndTellTheManagerFrom30Days() throws Exception {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40));
        LocalDate today = LocalDate.of(2031, 3, 1);
        long manager = user("manager" + tag + "@example.gov.uk", today.minusMonths(6), null);
        String email = "rita" + tag + "@example.gov.uk";
        long id = user(email, today.minusYears(3).plusDays(45), manager);

        reminders.send(today);
        reminders.send(today);
        assertThat(subjectsTo(email, 1)).containsExactly("ContactPoint: Your DBS check needs renewing");
        assertThat(jdbc.sql("SELECT days_before FROM vetting_reminder WHERE user_id = :id").param("id", id)
                .query(Integer.class).list()).containsExactly(60);

        reminders.send(today.plusDays(16));
        reminders.send(today.plusDays(17));
        assertThat(subjectsTo(email, 2)).hasSize(2);
        assertThat(subjectsTo("manager" + tag + "@example.gov.uk", 1))
                .containsExactly("ContactPoint: A user you manage needs a renewed DBS check");

        reminders.send(today.plusDays(40));
        reminders.send(today.plusDays(45));
        List<String> all = subjectsTo(email, 4);
        // Delivery is asynchronous, after each commit: the order of arrival is not the order of sending.
        assertThat(all).containsExactlyInAnyOrder("ContactPoint: Your DBS check needs renewing",
                "ContactPoint: Your DBS check needs renewing", "ContactPoint: Your DBS check needs renewing",
                "ContactPoint: Your access to ContactPoint has stopped");
        assertThat(subjectsTo("manager" + tag + "@example.gov.uk", 3))
                .contains("ContactPoint: A user you manage can no longer use ContactPoint");
        // The row commits when the delivery's transaction ends, just after the email leaves: wait for it too.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long stored;
        do {
            stored = jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :id").param("id", id).query(Long.class).single();
            if (stored >= 4) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertThat(stored).as("each is also in the user's messages").isEqualTo(4);
    }

    @Test
    void shouldSendNothingToAUserWhoseCheckIsFarFromExpiry() throws Exception {
        String email = "fresh" + ThreadLocalRandom.current().nextLong(1L << 40) + "@example.gov.uk";
        LocalDate today = LocalDate.of(2031, 3, 1);
        user(email, today.minusYears(1), null);
        reminders.send(today);
        Thread.sleep(300);
        assertThat(subjectsTo(email, 0)).isEmpty();
    }

    /** Waits (up to 10 s) for at least {@code expected} messages to this address; delivery is after commit. */
    private static List<String> subjectsTo(String address, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> subjects;
        do {
            subjects = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> to(m).contains(address))
                    .map(VettingRemindersIT::subject).toList();
            if (subjects.size() >= expected) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return subjects;
    }

    private static String to(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
