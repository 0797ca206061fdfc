package uk.contactpoint.notify.internal;

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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.notify.EmailFrequency;
import uk.contactpoint.notify.Notification;
import uk.contactpoint.notify.NotificationPreferences;

/**
 * How notifications are emailed over real SMTP (GreenMail): at once, in the daily digest (the default) or
 * not at all, as each user chose; a notice's email carries nothing of the notice; the digest emails each
 * notification once however often it runs.
 */
@SpringBootTest
@ActiveProfiles("test")
class EmailPreferencesIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("contactpoint.base-url", () -> "https://contactpoint.example.gov.uk");
    }

    private static final String SECRET = "Zanzibar Quillfeather ContactPoint ID 123-456-789";

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    NotificationPreferences preferences;
    @Autowired
    DailyDigest digest;
    @Autowired
    UserAccounts accounts;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private record User(long id, String email) {
    }

    private User user(EmailFrequency frequency) {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        long org = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Notify Test Service");
        String email = "n" + tag + "@example.gov.uk";
        LocalDate vetted = LocalDate.now().minusMonths(1);
        long id = accounts.create(new NewUser("n" + tag, TestFixtures.PASSWORD, "Nora Notified", email, null, org,
                TestFixtures.LEEDS, Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, TestFixtures.PIN, Totp.newSecret()));
        if (frequency != null) {
            preferences.set(id, frequency);
        }
        return new User(id, email);
    }

    private void publish(Notification n) throws InterruptedException {
        long before = stored(n.userId());
        transactions.executeWithoutResult(tx -> events.publishEvent(n));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stored(n.userId()) == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stored(n.userId())).as("delivered in the service").isEqualTo(before + 1);
    }

    private void notice(User u) throws InterruptedException {
        publish(new Notification(u.id(), u.email(), "About " + SECRET, "The child " + SECRET + " has a new practitioner."));
    }

    private long stored(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :u").param("u", userId).query(Long.class).single();
    }

    @Test
    void theDefaultIsTheDailyDigestWhichEmailsEachNotificationOnceHoweverOftenItRuns() throws Exception {
        User user = user(null);
        assertThat(preferences.of(user.id())).isEqualTo(EmailFrequency.DAILY);
        notice(user);
        notice(user);
        Thread.sleep(300);
        assertThat(emailsTo(user.email(), 0)).as("nothing until the digest").isEmpty();

        digest.send();
        digest.send();
        List<MimeMessage> emails = emailsTo(user.email(), 1);
        assertThat(emails).hasSize(1);
        String text = emails.get(0).getSubject() + "\n" + GreenMailUtil.getBody(emails.get(0));
        assertThat(text).contains("You have 2 new notifications", "https://contactpoint.example.gov.uk/notifications")
                .doesNotContain("Zanzibar", "Quillfeather", "123-456-789");

        notice(user);
        digest.send();
        assertThat(emailsTo(user.email(), 2)).as("a new one goes in the next digest, alone").hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :u AND emailed_at IS NOT NULL AND email_to IS NULL")
                .param("u", user.id()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void twoDigestsRunningAtOnceSendOneEmail() throws Exception {
        User user = user(EmailFrequency.DAILY);
        notice(user);
        Thread[] runs = {new Thread(digest::send), new Thread(digest::send)};
        for (Thread t : runs) {
            t.start();
        }
        for (Thread t : runs) {
            t.join();
        }
        Thread.sleep(300);
        assertThat(emailsTo(user.email(), 1)).hasSize(1);
    }

    @Test
    void immediateSendsOneContentFreeEmailForEachNoticeAndLeavesNothingForTheDigest() throws Exception {
        User user = user(EmailFrequency.IMMEDIATE);
        notice(user);
        List<MimeMessage> emails = emailsTo(user.email(), 1);
        assertThat(emails).hasSize(1);
        String text = emails.get(0).getSubject() + "\n" + GreenMailUtil.getBody(emails.get(0));
        assertThat(text).contains("You have a new notification").doesNotContain("Zanzibar", "Quillfeather", "123-456-789");
        digest.send();
        Thread.sleep(300);
        assertThat(emailsTo(user.email(), 1)).hasSize(1);
    }

    @Test
    void noneSendsNoEmailButKeepsTheNotificationInTheServiceAndDropsWhatWasOwed() throws Exception {
        User user = user(null);
        notice(user);
        preferences.set(user.id(), EmailFrequency.NONE);
        notice(user);
        digest.send();
        Thread.sleep(300);
        assertThat(emailsTo(user.email(), 0)).isEmpty();
        assertThat(stored(user.id())).isEqualTo(2);
    }

    @Test
    void accountMessagesAreEmailedAtOnceWithTheirContentWhateverTheChoice() throws Exception {
        User user = user(EmailFrequency.NONE);
        publish(Notification.account(user.id(), user.email(), "Your DBS check needs renewing", "Renew it by 1 May."));
        List<MimeMessage> emails = emailsTo(user.email(), 1);
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).getSubject()).isEqualTo("ContactPoint: Your DBS check needs renewing");
        assertThat(GreenMailUtil.getBody(emails.get(0))).contains("Renew it by 1 May.");
    }

    /** Waits (up to 10 s) for at least {@code expected} messages to this address; delivery is after commit. */
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
