package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ChildCorrection;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.ResponsibilityTransferred;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.TransferProposed;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.ingest.FeedIngestion;
import uk.contactpoint.ingest.FeedSource;
import uk.contactpoint.ingest.IngestSummary;
import uk.contactpoint.synthetic.FixtureNhsNumbers;
import uk.contactpoint.transfers.Transfers;

/**
 * Transfers between local authorities (issue 10, ADR 42), from a feed's address to the receiving LA's decision, over
 * HTTP and real SMTP: responsibility moves only on acceptance, with its history; a decline leaves it and tells the
 * sending LA why; an undecided request is escalated after its working-day deadline; a shielded child's transfer needs
 * the receiving shielding officer; who is told, content-free; and the list of children who left England.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TransfersIT {

    static final String LEEDS = TestFixtures.LEEDS;
    static final String CAMDEN = "E09000007";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @LocalServerPort
    int port;
    @Autowired
    uk.contactpoint.notify.NotificationPreferences emailPreferences;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    Directory directory;
    @Autowired
    UserAccounts accounts;
    @Autowired
    Transfers transfers;
    @Autowired
    FeedIngestion ingestion;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path temp;
    @Autowired
    Heard heard;
    @Autowired
    uk.contactpoint.ingest.ReviewQueue reviews;

    /** Hears the directory's event of a move, as another module would. */
    @org.springframework.boot.test.context.TestConfiguration
    static class Heard {
        final List<ResponsibilityTransferred> moves = new java.util.concurrent.CopyOnWriteArrayList<>();

        @org.springframework.context.event.EventListener
        void on(ResponsibilityTransferred moved) {
            moves.add(moved);
        }
    }

    private final String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);

    // ---- fixtures ----

    record Kid(long id, ContactPointId cp, NhsNumber nhs, String family, LocalDate born) {
    }

    /** A Leeds child at an LS6 address with a hand-recorded social worker entry and a sensitive entry. */
    private Kid leedsChild(boolean shielded, Long socialWorker, Long clinicNurse, long clinic) {
        return leedsChild(shielded, socialWorker, clinicNurse, clinic, new Address("7 Quarry Street", null, "Leeds", new Postcode("LS6 2AB")));
    }

    private Kid leedsChild(boolean shielded, Long socialWorker, Long clinicNurse, long clinic, Address home) {
        NhsNumber nhs = FixtureNhsNumbers.next();
        // names and birthdays unlike every other fixture child: the feed row must link to this child alone
        String family = "Q" + letters() + letters();
        LocalDate born = LocalDate.of(2010, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500));
        long social = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Test Social Work Team");
        LocalDate start = LocalDate.of(2024, 9, 1);
        ContactPointId cp = ContactPointId.generate(ThreadLocalRandom.current());
        long id = directory.add(List.of(new NewChild(cp, new PersonName("Ottilie", null, family), List.of(),
                born, Gender.FEMALE, Whereabouts.CURRENT_ADDRESS, home, null, EducationStatus.AT_SCHOOL,
                new LocalAuthorityCode(LEEDS), shielded, List.of(), List.of(), List.of(),
                List.of(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, nhs.value(), "NHS_PDS", start)),
                "NHS_PDS", start))).get(0);
        if (socialWorker != null) {
            directory.recordInvolvement(id, new NewChild.NewInvolvement(ServiceType.SOCIAL_CARE, social, "Sam Social", null,
                    "Social worker", "0113 496 0100", null, start, null, false, false), socialWorker, LocalDate.now(), Instant.now());
        }
        if (clinicNurse != null) {
            directory.recordInvolvement(id, new NewChild.NewInvolvement(ServiceType.SEXUAL_HEALTH, clinic, "Nurse Confidential",
                    null, "Nurse", "0113 496 0200", null, start, null, false, false), clinicNurse, LocalDate.now(), Instant.now());
        }
        return new Kid(id, cp, nhs, family, born);
    }

    private String letters() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    /** A vetted user with an email address; returns the username. */
    private String user(Set<Role> roles, long organisation, String la, String email) {
        String username = "tr" + ThreadLocalRandom.current().nextLong(1L << 40);
        LocalDate recently = LocalDate.now().minusMonths(2);
        String secret = Totp.newSecret();
        accounts.create(new NewUser(username, TestFixtures.PASSWORD, "Test User", email, null, organisation, la, roles,
                false, recently, recently, recently, TestFixtures.PIN, secret));
        secrets.put(username, secret);
        return username;
    }

    private final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    private long idOf(String username) {
        return accounts.idOf(username).orElseThrow();
    }

    private WebClient signedIn(String username) {
        WebClient web = new WebClient(port);
        web.signIn(username, TestFixtures.PASSWORD, TestFixtures.PIN, secrets.get(username));
        return web;
    }

    private long laOrganisation(String name) {
        return fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, name);
    }

    private Path nhsFeed(Kid kid, String line1, String town, String postcode) throws Exception {
        Path feed = temp.resolve("nhs-" + kid.id() + "-" + ThreadLocalRandom.current().nextInt() + ".csv");
        Files.writeString(feed, String.join(",", FeedSource.NHS_DEMOGRAPHICS.header()) + "\n"
                + kid.nhs().value() + ",Ottilie,," + kid.family() + "," + kid.born() + ",F," + line1 + ",," + town + "," + postcode + ",,,\n");
        return feed;
    }

    private long pendingTransfer(long child) {
        return jdbc.sql("SELECT id FROM la_transfer WHERE child_id = :c AND status = 'PENDING'").param("c", child)
                .query(Long.class).single();
    }

    private String responsibleLa(long child) {
        return jdbc.sql("SELECT responsible_la FROM child WHERE id = :c").param("c", child).query(String.class).single();
    }

    private long transfersOf(long child) {
        return jdbc.sql("SELECT COUNT(*) FROM la_transfer WHERE child_id = :c").param("c", child).query(Long.class).single();
    }

    /** Notifications go out after the commit: waits up to 10 s for a user's to reach this many. */
    private List<String> notificationsOf(long userId, int atLeast) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        List<String> found;
        do {
            found = jdbc.sql("SELECT subject || ' | ' || body FROM notification WHERE user_id = :u ORDER BY id").param("u", userId)
                    .query(String.class).list();
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        return found;
    }

    private void raise(long child, String from, String to) {
        directory.proposeTransfers(List.of(new TransferProposed(child, new LocalAuthorityCode(from), new LocalAuthorityCode(to),
                "NHS_PDS", null, null)));
    }

    // ---- tests ----

    @Test
    void shouldAskTheReceivingAuthorityWhenAFeedGivesAnAddressInItsAreaAndMoveNothing() throws Exception {
        Kid kid = leedsChild(false, null, null, 0);
        String camdenManager = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Camden ContactPoint team"), CAMDEN, null);
        // the receiving team is told once a day: clear what other tests left waiting for Camden today
        jdbc.sql("UPDATE la_transfer SET status = 'WITHDRAWN', open_child_id = NULL WHERE to_la = :la AND status = 'PENDING'")
                .param("la", CAMDEN).update();

        // a data manager linked this NHS row to the child before (ADR 15): it links again whatever the scores say, so the
        // test does not hang on the engine's weights for one row
        jdbc.sql("""
                        INSERT INTO linkage_decision (row_key, child_id, decision, decided_by, decided_at)
                        VALUES (:key, :child, 'LINK', 'a.data.manager', CURRENT_TIMESTAMP)""")
                .param("key", "NHS_PDS:" + kid.nhs().value()).param("child", kid.id()).update();
        IngestSummary s = ingestion.apply(FeedSource.NHS_DEMOGRAPHICS, nhsFeed(kid, "12 Agar Grove", "London", "NW1 9SL"), 100,
                LocalDate.now(), r -> { }, FeedIngestion.Progress.NONE);

        assertThat(s.linked()).as("%s %s", s, jdbc.sql("SELECT reason || ' ' || COALESCE(CAST(probability AS VARCHAR(40)), '') FROM ingest_review WHERE batch_id = :b")
                .param("b", s.batchId()).query(String.class).list()).isEqualTo(1);
        long id = pendingTransfer(kid.id());
        assertThat(responsibleLa(kid.id())).isEqualTo(LEEDS);
        assertThat(jdbc.sql("SELECT to_la || ' ' || from_la || ' ' || source || ' ' || due_on FROM la_transfer WHERE id = :id")
                .param("id", id).query(String.class).single())
                .isEqualTo(CAMDEN + " " + LEEDS + " NHS_PDS " + transfers.dueOn(LocalDate.now()));
        assertThat(notificationsOf(idOf(camdenManager), 1)).singleElement().asString()
                .contains("waiting for your authority").doesNotContain(kid.family()).doesNotContain("Agar");
        // the same address again raises no second request; a birth registration's address raises none
        ingestion.apply(FeedSource.NHS_DEMOGRAPHICS, nhsFeed(kid, "12 Agar Grove", "London NW1", "NW1 9SL"), 100, LocalDate.now(),
                r -> { }, FeedIngestion.Progress.NONE);
        assertThat(transfersOf(kid.id())).isEqualTo(1);
        // a row whose address is in the responsible authority's own area asks nothing, and withdraws nothing
        Kid home = leedsChild(false, null, null, 0);
        jdbc.sql("""
                        INSERT INTO linkage_decision (row_key, child_id, decision, decided_by, decided_at)
                        VALUES (:key, :child, 'LINK', 'a.data.manager', CURRENT_TIMESTAMP)""")
                .param("key", "NHS_PDS:" + home.nhs().value()).param("child", home.id()).update();
        ingestion.apply(FeedSource.NHS_DEMOGRAPHICS, nhsFeed(home, "7 Quarry Street", "Leeds", "LS6 2AB"), 100, LocalDate.now(),
                r -> { }, FeedIngestion.Progress.NONE);
        assertThat(transfersOf(home.id())).isZero();
        WebClient camden = signedIn(camdenManager);
        assertThat(camden.get("/transfers").body()).contains("transfer-" + id).contains("Ottilie " + kid.family());
    }

    @Test
    void shouldAskTheReceivingAuthorityWhenADataManagerLinksAFeedRowWithAnAddressInItsArea() throws Exception {
        Kid kid = leedsChild(false, null, null, 0);
        IngestSummary s = ingestion.apply(FeedSource.NHS_DEMOGRAPHICS, nhsFeed(kid, "4 Leighton Road", "London", "NW5 2QE"), 100,
                LocalDate.now(), r -> { }, FeedIngestion.Progress.NONE);
        // the engine links a moved child's row or, its address disagreeing, holds it for a person: either way the row
        // ends linked, and the move is asked of the receiving authority, never made
        if (s.review() == 1) {
            long review = jdbc.sql("SELECT id FROM ingest_review WHERE batch_id = :b").param("b", s.batchId()).query(Long.class).single();
            assertThat(transfersOf(kid.id())).isZero();
            reviews.decide(TestFixtures.laTeam(Set.of(Role.LA_DATA_MANAGER)), review, uk.contactpoint.ingest.ReviewQueue.Decision.LINK,
                    "same NHS number");
        } else {
            assertThat(s.linked()).as("%s", s).isEqualTo(1);
        }
        long id = pendingTransfer(kid.id());
        assertThat(jdbc.sql("SELECT to_la FROM la_transfer WHERE id = :id").param("id", id).query(String.class).single()).isEqualTo(CAMDEN);
        assertThat(responsibleLa(kid.id())).isEqualTo(LEEDS);
    }

    @Test
    void shouldRaiseATransferFromTheLasOwnCorrectionAndWithdrawItWhenTheAddressComesBack() {
        Kid kid = leedsChild(false, null, null, 0);
        int version = directory.version(kid.id()).orElseThrow();
        directory.correct(kid.id(), new ChildCorrection(new PersonName("Ottilie", null, kid.family()), kid.born(),
                Gender.FEMALE, Whereabouts.CURRENT_ADDRESS, new Address("1 Kentish Town Road", null, "London", new Postcode("NW5 2AA")),
                version), "LA_MANUAL", LocalDate.now(), "leeds.manager", "moved", Instant.now());
        long id = pendingTransfer(kid.id());
        assertThat(jdbc.sql("SELECT raised_by FROM la_transfer WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("leeds.manager");

        directory.correct(kid.id(), new ChildCorrection(new PersonName("Ottilie", null, kid.family()), kid.born(),
                Gender.FEMALE, Whereabouts.CURRENT_ADDRESS, new Address("2 Quarry Street", null, "Leeds", new Postcode("LS6 2AB")),
                version + 1), "LA_MANUAL", LocalDate.now(), "leeds.manager", "moved back", Instant.now());
        assertThat(jdbc.sql("SELECT status FROM la_transfer WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("WITHDRAWN");
        assertThat(responsibleLa(kid.id())).isEqualTo(LEEDS);
    }

    @Test
    void shouldMoveResponsibilityOnAcceptanceKeepTheHistoryAndTellTheRightPeopleContentFree() throws Exception {
        String tagMail = tag + "@example.gov.uk";
        long socialOrg = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Social Work");
        long clinic = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Sexual Health Clinic");
        String socialWorker = user(Set.of(Role.PRACTITIONER), socialOrg, LEEDS, "sw" + tagMail);
        String nurse = user(Set.of(Role.PRACTITIONER), clinic, LEEDS, "nurse" + tagMail);
        String leedsManager = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Leeds team"), LEEDS, "leeds" + tagMail);
        String camdenManager = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Camden team"), CAMDEN, "camden" + tagMail);
        String camdenColleague = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Camden team 2"), CAMDEN, "camden2" + tagMail);
        // Emailed as each notice arrives (the default is the daily digest, ADR 34), so that the emails can be read here.
        for (String u : List.of(socialWorker, nurse, leedsManager, camdenColleague)) {
            emailPreferences.set(idOf(u), uk.contactpoint.notify.EmailFrequency.IMMEDIATE);
        }
        Kid kid = leedsChild(false, idOf(socialWorker), idOf(nurse), clinic);
        raise(kid.id(), LEEDS, CAMDEN);
        long id = pendingTransfer(kid.id());

        WebClient camden = signedIn(camdenManager);
        String page = camden.get("/transfers/" + id).body();
        assertThat(page).contains("Ottilie " + kid.family()).contains("Accept responsibility");
        HttpResponse<String> accepted = camden.post("/transfers/" + id, "/transfers/" + id + "/accept", Map.of());
        assertThat(accepted.statusCode()).isEqualTo(302);

        assertThat(responsibleLa(kid.id())).isEqualTo(CAMDEN);
        assertThat(directory.responsibilityHistory(kid.id())).singleElement().satisfies(h -> {
            assertThat(h.fromLa().value()).isEqualTo(LEEDS);
            assertThat(h.toLa().value()).isEqualTo(CAMDEN);
            assertThat(h.transferId()).isEqualTo(id);
            assertThat(h.acceptedBy()).isEqualTo(camdenManager);
        });
        assertThat(heard.moves).filteredOn(e -> e.childId() == kid.id()).singleElement().satisfies(e -> {
            assertThat(e.fromLa().value()).isEqualTo(LEEDS);
            assertThat(e.toLa().value()).isEqualTo(CAMDEN);
            assertThat(e.transferId()).isEqualTo(id);
        });
        String after = camden.get("/transfers/" + id).body();
        assertThat(after).contains("Accepted by " + camdenManager).contains("Sexual Health Clinic").doesNotContain("Accept responsibility");
        assertThat(camden.get("/data/children/" + kid.cp().value() + "/responsibility").body()).contains("Leeds").contains("Camden");
        // the sending team no longer sees the record's history: it is no longer theirs
        assertThat(signedIn(leedsManager).get("/data/children/" + kid.cp().value() + "/responsibility").statusCode()).isEqualTo(404);

        assertThat(notificationsOf(idOf(leedsManager), 1)).anySatisfy(n -> assertThat(n).contains("moved to another local authority"));
        assertThat(notificationsOf(idOf(camdenColleague), 1)).anySatisfy(n -> assertThat(n).contains("now responsible for a child"));
        assertThat(notificationsOf(idOf(socialWorker), 1)).singleElement().asString().contains("new responsible local authority");
        // the sensitive service is told by the receiving team, never directly
        assertThat(notificationsOf(idOf(nurse), 0)).isEmpty();
        assertThat(notificationsOf(idOf(camdenManager), 0)).noneSatisfy(n -> assertThat(n).contains("now responsible"));

        long until = System.nanoTime() + 10_000_000_000L;
        while (Arrays.stream(smtp.getReceivedMessages()).noneMatch(m -> to(m).startsWith("sw" + tag)) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        List<MimeMessage> mine = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).endsWith(tagMail)).toList();
        assertThat(mine).extracting(TransfersIT::to).contains("sw" + tagMail, "leeds" + tagMail, "camden2" + tagMail)
                .doesNotContain("nurse" + tagMail);
        for (MimeMessage m : mine) {
            String text = m.getSubject() + " " + m.getContent();
            assertThat(text).doesNotContain(kid.family()).doesNotContain("Ottilie").doesNotContain(kid.cp().value())
                    .doesNotContain("Quarry").doesNotContain("Camden").doesNotContain("Leeds");
        }
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldLeaveResponsibilityWhenDeclinedAndShowTheSendingAuthorityWhy() throws Exception {
        String leedsManager = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Leeds team"), LEEDS, null);
        String camdenManager = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Camden team"), CAMDEN, null);
        Kid kid = leedsChild(false, null, null, 0);
        raise(kid.id(), LEEDS, CAMDEN);
        long id = pendingTransfer(kid.id());
        WebClient camden = signedIn(camdenManager);

        HttpResponse<String> blank = camden.post("/transfers/" + id, "/transfers/" + id + "/decline", Map.of("declineReason", "  "));
        assertThat(blank.statusCode()).isEqualTo(200);
        assertThat(blank.body()).contains("There is a problem").contains("Say why your authority is not responsible");
        assertThat(jdbc.sql("SELECT status FROM la_transfer WHERE id = :id").param("id", id).query(String.class).single()).isEqualTo("PENDING");
        // the sending authority cannot decide its own request
        WebClient leeds = signedIn(leedsManager);
        assertThat(leeds.post("/transfers", "/transfers/" + id + "/accept", Map.of()).statusCode()).isEqualTo(404);
        assertThat(camden.post("/transfers", "/transfers/999999999/accept", Map.of()).statusCode()).isEqualTo(404);

        camden.post("/transfers/" + id, "/transfers/" + id + "/decline", Map.of("declineReason", "Family are visiting, home is in Leeds"));
        assertThat(responsibleLa(kid.id())).isEqualTo(LEEDS);
        assertThat(directory.responsibilityHistory(kid.id())).isEmpty();
        assertThat(notificationsOf(idOf(leedsManager), 1)).anySatisfy(n -> assertThat(n).contains("declined a transfer"));
        assertThat(leeds.get("/transfers").body()).contains("Family are visiting, home is in Leeds");
        // a decided request is decided once
        assertThat(camden.post("/transfers/" + id, "/transfers/" + id + "/accept", Map.of()).body())
                .contains("already been decided");
        assertThat(responsibleLa(kid.id())).isEqualTo(LEEDS);
        // a feed does not ask again soon after a decline
        raise(kid.id(), LEEDS, CAMDEN);
        assertThat(transfersOf(kid.id())).isEqualTo(1);
    }

    @Test
    void shouldEscalateOnlyAfterTheWorkingDayDeadlineAcrossTheChristmasBankHolidays() throws Exception {
        // Thursday 24 December 2026: Christmas Day (Friday), Boxing Day's substitute (Monday 28th) and New Year's Day
        // (Friday 1 January) are not working days, so five working days end on Tuesday 5 January 2027
        LocalDate raised = LocalDate.of(2026, 12, 24);
        assertThat(transfers.dueOn(raised)).isEqualTo(LocalDate.of(2027, 1, 5));
        String admin = user(Set.of(Role.NATIONAL_ADMIN), fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL,
                "National team"), null, null);
        String camdenManager = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Camden team"), CAMDEN, null);
        Kid kid = leedsChild(false, null, null, 0);
        raise(kid.id(), LEEDS, CAMDEN);
        long id = pendingTransfer(kid.id());
        jdbc.sql("UPDATE la_transfer SET raised_on = :r, due_on = :d WHERE id = :id").param("r", raised)
                .param("d", transfers.dueOn(raised)).param("id", id).update();

        transfers.escalate(LocalDate.of(2027, 1, 5));
        assertThat(escalated(id)).isFalse();
        transfers.escalate(LocalDate.of(2027, 1, 6));
        assertThat(escalated(id)).isTrue();

        assertThat(notificationsOf(idOf(admin), 1)).anySatisfy(n -> assertThat(n).contains("overdue"));
        assertThat(signedIn(admin).get("/transfers").body()).contains("escalated-" + id).doesNotContain(kid.family());
        assertThat(signedIn(camdenManager).get("/transfers").body()).contains("transfer-" + id).contains("Overdue");
    }

    private boolean escalated(long id) {
        return jdbc.sql("SELECT escalated_at IS NOT NULL FROM la_transfer WHERE id = :id").param("id", id).query(Boolean.class).single();
    }

    @Test
    void shouldRequireTheReceivingShieldingOfficerToReconfirmOrLiftAShield() throws Exception {
        String camdenManager = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Camden team"), CAMDEN, null);
        String officer = user(Set.of(Role.LA_SHIELDING_OFFICER), laOrganisation("Camden shielding"), CAMDEN, null);
        Kid kid = leedsChild(true, null, null, 0);
        raise(kid.id(), LEEDS, CAMDEN);
        long id = pendingTransfer(kid.id());

        WebClient manager = signedIn(camdenManager);
        String seen = manager.get("/transfers/" + id).body();
        assertThat(seen).contains("Ottilie " + kid.family()).contains("This record is shielded").doesNotContain("Quarry").doesNotContain("LS6");
        assertThat(manager.post("/transfers/" + id, "/transfers/" + id + "/accept", Map.of()).body())
                .contains("a shielding officer of your authority accepts it");
        assertThat(responsibleLa(kid.id())).isEqualTo(LEEDS);

        WebClient shield = signedIn(officer);
        HttpResponse<String> incomplete = shield.post("/transfers/" + id, "/transfers/" + id + "/accept",
                Map.of("shield", "KEEP", "reason", "DOMESTIC_VIOLENCE_OR_REFUGE", "requestedBy", "Mother", "reviewDate", "2020-01-01"));
        assertThat(incomplete.body()).contains("Set a review date after today");
        assertThat(shield.post("/transfers/" + id, "/transfers/" + id + "/accept",
                Map.of("shield", "KEEP", "reviewDate", "not a date")).body()).contains("Enter the review date as year-month-day");
        assertThat(responsibleLa(kid.id())).isEqualTo(LEEDS);

        shield.post("/transfers/" + id, "/transfers/" + id + "/accept", Map.of("shield", "KEEP",
                "reason", "DOMESTIC_VIOLENCE_OR_REFUGE", "requestedBy", "Mother, through the refuge",
                "reviewDate", LocalDate.now().plusMonths(6).toString()));
        assertThat(responsibleLa(kid.id())).isEqualTo(CAMDEN);
        assertThat(jdbc.sql("SELECT shielded FROM child WHERE id = :c").param("c", kid.id()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT local_authority FROM shield_decision WHERE child_id = :c AND action = 'RECONFIRM'")
                .param("c", kid.id()).query(String.class).single()).isEqualTo(CAMDEN);

        // lifting: the shield stays until a second officer approves
        Kid other = leedsChild(true, null, null, 0);
        raise(other.id(), LEEDS, CAMDEN);
        long second = pendingTransfer(other.id());
        shield.post("/transfers/" + second, "/transfers/" + second + "/accept", Map.of("shield", "LIFT",
                "liftWhy", "Risk has passed, agreed with the family"));
        assertThat(responsibleLa(other.id())).isEqualTo(CAMDEN);
        assertThat(jdbc.sql("SELECT shielded FROM child WHERE id = :c").param("c", other.id()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT status || ' ' || local_authority FROM shield_decision WHERE child_id = :c AND action = 'UNSHIELD'")
                .param("c", other.id()).query(String.class).single()).isEqualTo("PENDING " + CAMDEN);
    }

    @Test
    void shouldListTheAuthoritysChildrenWhoLeftEnglandWithACsvExport() {
        String family = "Abroadly" + letters();
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (Whereabouts w : List.of(Whereabouts.LEFT_ENGLAND_INTENDS_TO_RETURN, Whereabouts.LEFT_ENGLAND_NOT_RETURNING,
                Whereabouts.LEFT_ENGLAND_INTENTION_UNKNOWN, Whereabouts.CURRENT_ADDRESS)) {
            Address a = w.hasAddress() ? new Address("3 Stay Street", null, "Leeds", new Postcode("LS1 4AP")) : null;
            directory.add(List.of(new NewChild(ContactPointId.generate(ThreadLocalRandom.current()),
                    new PersonName(w.name().substring(0, 4), null, family), List.of(), LocalDate.of(2015, 2, 2), Gender.MALE, w, a,
                    null, w.leftEngland() ? EducationStatus.LEFT_ENGLAND : EducationStatus.AT_SCHOOL, new LocalAuthorityCode(LEEDS),
                    false, List.of(), List.of(), List.of(), List.of(), "LA", start)));
        }
        String leedsTeam = user(Set.of(Role.LA_AUDITOR), laOrganisation("Leeds team"), LEEDS, null);
        String camdenTeam = user(Set.of(Role.LA_DATA_MANAGER), laOrganisation("Camden team"), CAMDEN, null);
        String practitioner = user(Set.of(Role.PRACTITIONER), laOrganisation("Somewhere"), LEEDS, null);

        WebClient leeds = signedIn(leedsTeam);
        String page = leeds.get("/data/left-england").body();
        assertThat(page).contains("LEFT " + family).contains("Left England, known not to intend to return within 3 years")
                .doesNotContain("CURR " + family);
        HttpResponse<byte[]> csv = leeds.postBytes("/data/left-england", "/data/left-england/export", Map.of());
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("contactpoint_id,given_name,middle_names,family_name,date_of_birth");
        assertThat(text.lines().filter(l -> l.contains(family))).hasSize(3)
                .anySatisfy(l -> assertThat(l).contains("LEFT_ENGLAND_INTENTION_UNKNOWN")).noneMatch(l -> l.contains("CURRENT_ADDRESS"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'EXPORT' AND actor = :u").param("u", leedsTeam)
                .query(Long.class).single()).isEqualTo(1);

        assertThat(signedIn(camdenTeam).get("/data/left-england").body()).doesNotContain(family);
        assertThat(signedIn(practitioner).get("/data/left-england").statusCode()).isEqualTo(403);
    }
}
