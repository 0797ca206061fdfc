package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.practice.Involvements;

/**
 * What a practitioner records on a record, through HTTP as a signed-in user: their involvement (a sensitive
 * one only on a ground, and masked for everyone but its own service and the LA team), ending it, the lead
 * professional (asked and confirmed, or agreed at a meeting), the CAF holder, My children with what others
 * changed, lapsing, an inaccuracy report dealt with by the LA, and "opened in error"; each change audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PracticeIT {

    private static final Pattern INVOLVEMENT_ID = Pattern.compile("name=\"involvementId\" value=\"(\\d+)\"");
    private static final Pattern PROPOSAL_ID = Pattern.compile("name=\"proposalId\" value=\"(\\d+)\"");
    private static final Pattern REPORT_ID = Pattern.compile("name=\"reportId\" value=\"(\\d+)\"");

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    Involvements involvements;

    private TestFixtures.Child child;
    private String cp;

    @BeforeEach
    void aLiveAuthorityAndAChild() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        authorities.updateTeamPhone(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0888");
        child = fixtures.child(false);
        cp = child.contactPointId().value();
    }

    private WebClient practitioner(Sector sector, String organisation) {
        String user = fixtures.user(Set.of(Role.PRACTITIONER), fixtures.organisation(OrganisationKind.SERVICE, sector, organisation), false);
        return signedIn(user);
    }

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private WebClient dataManager() {
        String user = fixtures.user(Set.of(Role.LA_DATA_MANAGER), fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY,
                Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);
        return signedIn(user);
    }

    private static Map<String, String> entry(String service, LocalDate start) {
        Map<String, String> form = new HashMap<>();
        form.put("serviceType", service);
        form.put("startDate-day", Integer.toString(start.getDayOfMonth()));
        form.put("startDate-month", Integer.toString(start.getMonthValue()));
        form.put("startDate-year", Integer.toString(start.getYear()));
        form.put("who", "ME");
        form.put("role", "School nurse");
        form.put("phone", "0113 496 0555");
        form.put("email", "nurse@example.org");
        return form;
    }

    private HttpResponse<String> record(WebClient web, Map<String, String> form) {
        form.put("contactPointId", cp);
        return web.post("/records/open", "/records/involvement", form);
    }

    private String open(WebClient web) {
        return web.post("/records/open", "/records/open", Map.of("contactPointId", cp, "reason", "working with the child")).body();
    }

    private static long first(Pattern p, String page) {
        Matcher m = p.matcher(page);
        assertThat(m.find()).as("no %s on the page", p).isTrue();
        return Long.parseLong(m.group(1));
    }

    private List<String> auditDetails(String action) {
        return jdbc.sql("""
                        SELECT e.detail FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :child AND e.action = :action ORDER BY e.id""")
                .param("child", child.id()).param("action", action).query(String.class).list();
    }

    @Test
    void aPractitionerRecordsTheirInvolvementSeesItOnTheRecordAndEndsIt() {
        WebClient nurse = practitioner(Sector.HEALTH, "School Nursing North");
        HttpResponse<String> recorded = record(nurse, entry("SCHOOL_NURSING", LocalDate.now().minusDays(3)));

        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(recorded.body()).contains("Your involvement is recorded").contains("Your involvement")
                .contains("School nursing").contains("0113 496 0555").contains("Test User")
                .contains("ContactPoint team: <span id=\"la-team-phone\">0113 496 0888</span>");
        assertThat(auditDetails("RECORD_CHANGE")).anySatisfy(d -> assertThat(d).startsWith("involvement recorded").contains("SCHOOL_NURSING"));

        long id = first(INVOLVEMENT_ID, recorded.body());
        Map<String, String> end = new HashMap<>(Map.of("contactPointId", cp, "involvementId", Long.toString(id),
                "endDate-day", "1", "endDate-month", "1", "endDate-year", "2001"));
        assertThat(nurse.post("/records/open", "/involvements/end", end).body())
                .as("an end before the start is refused").contains("End date must be on or after the date the involvement started");
        LocalDate today = LocalDate.now();
        end.put("endDate-day", Integer.toString(today.getDayOfMonth()));
        end.put("endDate-month", Integer.toString(today.getMonthValue()));
        end.put("endDate-year", Integer.toString(today.getYear()));
        String ended = nurse.post("/records/open", "/involvements/end", end).body();
        assertThat(ended).contains("Your involvement has ended").contains("Ended involvements");
        assertThat(ended.substring(ended.indexOf("Ended involvements"))).contains("School nursing");
        assertThat(ended).doesNotContain("id=\"your-involvement\"");

        WebClient stranger = practitioner(Sector.SOCIAL_CARE, "Another Team");
        assertThat(stranger.post("/records/open", "/involvements/end/start", Map.of("contactPointId", cp,
                "involvementId", Long.toString(id))).statusCode()).isEqualTo(200);
        assertThat(stranger.post("/records/open", "/involvements/confirm", Map.of("involvementId", Long.toString(id))).statusCode())
                .isEqualTo(302);
        assertThat(stranger.get("/my-children").body()).contains("That involvement has already ended");
    }

    @Test
    void aSensitiveInvolvementNeedsAGroundAndIsMaskedForAllButItsOwnServiceAndTheLaTeam() {
        WebClient clinic = practitioner(Sector.HEALTH, "Young People's Mental Health");
        Map<String, String> form = entry("MENTAL_HEALTH", LocalDate.now().minusDays(10));
        form.put("role", "Counsellor");
        String refused = record(clinic, form).body();
        assertThat(refused).contains("There is a problem")
                .contains("A sensitive service is recorded only with consent or where you suspect significant harm");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM involvement WHERE child_id = :c AND service_type = 'MENTAL_HEALTH'")
                .param("c", child.id()).query(Long.class).single()).as("nothing recorded").isZero();

        form.put("ground", "CONSENT");
        form.put("consentBy", "CHILD");
        form.put("consentOn-day", "2");
        form.put("consentOn-month", "3");
        form.put("consentOn-year", "2026");
        form.put("consentScope", "sharing that the service is involved");
        String own = record(clinic, form).body();
        assertThat(own).contains("Your involvement is recorded").contains("Mental health").contains("Counsellor");
        assertThat(jdbc.sql("SELECT consent_by FROM involvement_ground g JOIN involvement i ON i.id = g.involvement_id WHERE i.child_id = :c")
                .param("c", child.id()).query(String.class).single()).isEqualTo("CHILD");

        String other = open(practitioner(Sector.EDUCATION, "Park Primary"));
        assertThat(other.split("A sensitive service is involved", -1)).as("two masked entries").hasSize(3);
        assertThat(other).doesNotContain("Mental health").doesNotContain("Counsellor")
                .doesNotContain("0113 496 0555");

        String team = open(dataManager());
        assertThat(team).contains("Mental health").contains("Counsellor");

        // Consent withdrawn: the entry ends (a significant-harm justification would have kept it).
        long id = first(INVOLVEMENT_ID, own);
        LocalDate today = LocalDate.now();
        String withdrawn = clinic.post("/records/open", "/involvements/consent", Map.of("contactPointId", cp,
                "involvementId", Long.toString(id), "withdrawnOn-day", Integer.toString(today.getDayOfMonth()),
                "withdrawnOn-month", Integer.toString(today.getMonthValue()), "withdrawnOn-year", Integer.toString(today.getYear()))).body();
        assertThat(withdrawn).contains("Consent withdrawn: your involvement has ended");
        assertThat(jdbc.sql("SELECT ended_reason FROM involvement WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("CONSENT_WITHDRAWN");
        String after = open(practitioner(Sector.EDUCATION, "Another School"));
        assertThat(after.split("A sensitive service is involved", -1)).as("only the fixture's own sensitive service is left")
                .hasSize(2);
        assertThat(after).doesNotContain("Mental health");
    }

    @Test
    void aSensitiveEntryWhoseConsentIsWithdrawnStaysWhenTheSignificantHarmGroundIsRecorded() {
        WebClient clinic = practitioner(Sector.HEALTH, "Substance Misuse Service");
        Map<String, String> form = entry("SUBSTANCE_MISUSE", LocalDate.now().minusDays(4));
        form.put("ground", "CONSENT");
        form.put("consentBy", "PARENT_OR_CARER");
        form.put("consentOn-day", "1");
        form.put("consentOn-month", "11");
        form.put("consentOn-year", "2026");
        long id = first(INVOLVEMENT_ID, record(clinic, form).body());
        LocalDate today = LocalDate.now();
        String kept = clinic.post("/records/open", "/involvements/consent", Map.of("contactPointId", cp,
                "involvementId", Long.toString(id), "withdrawnOn-day", Integer.toString(today.getDayOfMonth()),
                "withdrawnOn-month", Integer.toString(today.getMonthValue()), "withdrawnOn-year", Integer.toString(today.getYear()),
                "justification", "Reasonable cause to suspect significant harm")).body();
        assertThat(kept).contains("your involvement stands on the significant-harm ground");
        assertThat(jdbc.sql("SELECT end_date IS NULL FROM involvement WHERE id = :id").param("id", id).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT ground FROM involvement_ground WHERE involvement_id = :id").param("id", id).query(String.class).single())
                .isEqualTo("SIGNIFICANT_HARM");
        assertThat(clinic.post("/records/open", "/involvements/consent", Map.of("contactPointId", cp,
                "involvementId", Long.toString(id), "withdrawnOn-day", "1", "withdrawnOn-month", "1", "withdrawnOn-year", "2026")).body())
                .as("no consent left to withdraw").contains("not on consent");
    }

    @Test
    void aProposalToBeLeadProfessionalIsConfirmedByTheLaTeamOrRecordedAsAgreedAtAMeeting() {
        WebClient worker = practitioner(Sector.SOCIAL_CARE, "Family Support");
        long id = first(INVOLVEMENT_ID, record(worker, entry("EARLY_HELP", LocalDate.now().minusDays(20))).body());

        String pending = worker.post("/records/open", "/involvements/lead",
                Map.of("contactPointId", cp, "involvementId", Long.toString(id), "basis", "ASK")).body();
        assertThat(pending).contains("Your proposal is sent");
        assertThat(worker.post("/records/open", "/involvements/lead",
                Map.of("contactPointId", cp, "involvementId", Long.toString(id), "basis", "ASK")).body())
                .contains("already waiting to be decided");

        WebClient team = dataManager();
        String waiting = team.get("/lead-professional").body();
        assertThat(waiting).contains("Zebedee Quixley").contains("Family Support").contains("Sam Social");
        long proposal = first(PROPOSAL_ID, waiting.substring(waiting.indexOf("Family Support")));
        team.post("/lead-professional", "/lead-professional/decide", Map.of("proposalId", Long.toString(proposal), "decision", "CONFIRM"));
        assertThat(team.get("/lead-professional").body()).contains("The proposal is confirmed");

        assertThat(jdbc.sql("SELECT id FROM involvement WHERE child_id = :c AND lead_professional").param("c", child.id())
                .query(Long.class).list()).as("one lead professional: the proposer").containsExactly(id);
        eventually(worker, "You are now a child");

        // A second practitioner takes over, agreed at a meeting: at once, and the first is told.
        WebClient next = practitioner(Sector.SOCIAL_CARE, "Youth Service");
        long nextId = first(INVOLVEMENT_ID, record(next, entry("YOUTH_SERVICE", LocalDate.now().minusDays(5))).body());
        LocalDate meeting = LocalDate.now().minusDays(1);
        String now = next.post("/records/open", "/involvements/lead", Map.of("contactPointId", cp,
                "involvementId", Long.toString(nextId), "basis", "MEETING", "meetingOn-day", Integer.toString(meeting.getDayOfMonth()),
                "meetingOn-month", Integer.toString(meeting.getMonthValue()), "meetingOn-year", Integer.toString(meeting.getYear()))).body();
        assertThat(now).contains("You are now the lead professional");
        assertThat(jdbc.sql("SELECT id FROM involvement WHERE child_id = :c AND lead_professional").param("c", child.id())
                .query(Long.class).list()).containsExactly(nextId);
        eventually(worker, "You are no longer a child");
        assertThat(auditDetails("RECORD_CHANGE")).anySatisfy(d -> assertThat(d).contains("agreed at a meeting on " + meeting));
    }

    /** Notifications are delivered after the change commits: waits up to 10 s for one to show on the home page. */
    private static void eventually(WebClient web, String text) {
        long until = System.nanoTime() + 10_000_000_000L;
        String home = web.get("/home").body();
        while (!home.contains(text) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            home = web.get("/home").body();
        }
        assertThat(home).contains(text);
    }

    @Test
    void theCafHolderFlagIsSetAndClearedByItsPractitionerOnly() {
        WebClient worker = practitioner(Sector.SOCIAL_CARE, "Early Help Hub");
        long id = first(INVOLVEMENT_ID, record(worker, entry("EARLY_HELP", LocalDate.now().minusDays(2))).body());

        assertThat(worker.post("/records/open", "/involvements/caf", Map.of("contactPointId", cp, "involvementId",
                Long.toString(id), "holder", "true")).body()).contains("You are recorded as the CAF holder").contains("CAF holder");
        String refused = practitioner(Sector.HEALTH, "Elsewhere").post("/records/open", "/involvements/caf",
                Map.of("contactPointId", cp, "involvementId", Long.toString(id), "holder", "false")).body();
        assertThat(refused).contains("You can change only your own or your team");
        assertThat(jdbc.sql("SELECT caf_holder FROM involvement WHERE id = :id").param("id", id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void myChildrenListsTheChildShowsWhatOthersChangedAndOffersToConfirmBeforeAnEntryLapses() {
        String user = fixtures.user(Set.of(Role.PRACTITIONER), fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visitors"), false);
        WebClient visitor = signedIn(user);
        long id = first(INVOLVEMENT_ID, record(visitor, entry("HEALTH_VISITING", LocalDate.now().minusDays(30))).body());

        String first = visitor.get("/my-children").body();
        assertThat(first).contains("Zebedee Quixley").contains("Health visiting").contains("No changes");

        record(practitioner(Sector.SOCIAL_CARE, "Another Service"), entry("EARLY_HELP", LocalDate.now().minusDays(1)));
        assertThat(visitor.get("/my-children").body()).contains("Practitioners changed");
        eventually(visitor, "Another practitioner is working with a child you work with");
        assertThat(visitor.get("/my-children").body()).as("seen: no longer new").contains("No changes");

        // Confirmed long ago: about to lapse, confirmed with one click, then lapsing for real when left alone.
        jdbc.sql("UPDATE involvement SET as_of = :d WHERE id = :id")
                .param("d", LocalDate.now().minusDays(involvements.lapseAfterDays() - 5)).param("id", id).update();
        String due = visitor.get("/my-children").body();
        assertThat(due).contains("Ends soon").contains("soon unless you confirm");
        visitor.post("/my-children", "/involvements/confirm", Map.of("involvementId", Long.toString(id)));
        assertThat(visitor.get("/my-children").body()).contains("Confirmed: your involvement will not lapse").doesNotContain("Ends soon");

        jdbc.sql("UPDATE involvement SET as_of = :d WHERE id = :id")
                .param("d", LocalDate.now().minusDays(involvements.lapseAfterDays() + 1)).param("id", id).update();
        assertThat(involvements.lapse(LocalDate.now(), 10_000)).isPositive();
        assertThat(jdbc.sql("SELECT ended_reason FROM involvement WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("LAPSED");
        String after = visitor.get("/my-children").body();
        assertThat(after).contains("Ended in the last 30 days");
        eventually(visitor, "Involvements you did not confirm have ended");
    }

    @Test
    void anInaccuracyReportReachesTheLasDataManagersWhoDealWithIt() {
        WebClient teacher = practitioner(Sector.EDUCATION, "Park Primary School");
        WebClient team = dataManager();
        String empty = teacher.post("/records/open", "/records/inaccuracy", Map.of("contactPointId", cp)).body();
        assertThat(empty).contains("Choose what is wrong").contains("Say what is wrong and what it should be");

        String sent = teacher.post("/records/open", "/records/inaccuracy", Map.of("contactPointId", cp, "field", "SCHOOL_OR_GP",
                "description", "Moved to Park Primary in September")).body();
        assertThat(sent).contains("Your report is sent to the local authority ContactPoint team");
        eventually(team, "A practitioner reported an inaccuracy in a record");

        String reports = team.get("/data/inaccuracies").body();
        assertThat(reports).contains("Moved to Park Primary in September").contains("School or GP practice");
        long report = first(REPORT_ID, reports.substring(reports.indexOf("Moved to Park Primary in September")));
        team.post("/data/inaccuracies", "/data/inaccuracies/resolve", Map.of("reportId", Long.toString(report),
                "resolution", "School updated"));
        assertThat(team.get("/data/inaccuracies").body()).contains("marked as dealt with").doesNotContain("Moved to Park Primary in September");
        eventually(teacher, "The inaccuracy you reported has been dealt with");
        assertThat(teacher.get("/data/inaccuracies").statusCode()).isEqualTo(403);
    }

    @Test
    void whenAPractitionerLeavesTheirEntriesPassToTheirManager() throws InterruptedException {
        long org = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Family Hub");
        String manager = fixtures.user(Set.of(Role.PRACTITIONER), org, false);
        String leaver = fixtures.user(Set.of(Role.PRACTITIONER), org, false);
        jdbc.sql("UPDATE app_user SET manager_id = (SELECT id FROM app_user WHERE username = :m), display_name = 'Morgan Manager', "
                + "phone = '0113 496 0777' WHERE username IN (:l, :m)").param("m", manager).param("l", leaver).update();
        jdbc.sql("UPDATE app_user SET manager_id = NULL WHERE username = :m").param("m", manager).update();
        long id = first(INVOLVEMENT_ID, record(signedIn(leaver), entry("EARLY_HELP", LocalDate.now().minusDays(9))).body());

        String admin = fixtures.user(Set.of(Role.LA_USER_ADMIN), fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY,
                Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);
        long leaverId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", leaver).query(Long.class).single();
        HttpResponse<String> left = signedIn(admin).post("/admin/users/" + leaverId, "/admin/users/" + leaverId + "/left", Map.of());
        assertThat(left.statusCode()).isEqualTo(302);

        long until = System.nanoTime() + 10_000_000_000L;
        String name = null;
        while (System.nanoTime() < until && !"Morgan Manager".equals(name)) {
            Thread.sleep(100);
            name = jdbc.sql("SELECT practitioner_name FROM involvement WHERE id = :id").param("id", id).query(String.class).single();
        }
        assertThat(name).isEqualTo("Morgan Manager");
        assertThat(jdbc.sql("SELECT phone FROM involvement WHERE id = :id").param("id", id).query(String.class).single()).isEqualTo("0113 496 0777");
        WebClient managerWeb = signedIn(manager);
        assertThat(managerWeb.get("/my-children").body()).contains("Zebedee Quixley").contains("Early help");
        eventually(managerWeb, "Involvements of someone who left are now yours");
    }

    @Test
    void openedInErrorIsRecordedBesideTheView() {
        WebClient worker = practitioner(Sector.SOCIAL_CARE, "Duty Team");
        open(worker);
        assertThat(worker.post("/records/open", "/records/opened-in-error", Map.of("contactPointId", cp)).body())
                .contains("Recorded as opened in error");
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :child AND e.action = 'OPENED_IN_ERROR'""")
                .param("child", child.id()).query(Long.class).single()).isEqualTo(1);
    }
}
