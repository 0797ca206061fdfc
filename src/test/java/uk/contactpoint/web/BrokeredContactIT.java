package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;

import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.practice.OfficeHours;
import uk.contactpoint.safeguards.WorkingDays;

/**
 * Brokered contact with a masked sensitive service (ADR 27), through HTTP as signed-in users: a practitioner who
 * sees only that a sensitive service is involved asks for contact; in office hours the LA team is named, out of
 * hours the emergency duty team; the LA team passes the request to the service, which accepts (the requester then
 * sees how to reach it) or declines (the requester learns nothing of it). Nobody else finds the request, and no
 * notification or page of the requester names the service before it accepts. Office hours are moved by stubbing
 * {@link OfficeHours#open()}; the rule itself is {@code OfficeHoursTest}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BrokeredContactIT {

    private static final Pattern POSITION = Pattern.compile("name=\"position\" value=\"(\\d+)\"");
    private static final Pattern REQUEST = Pattern.compile("/brokering/requests/(\\d+)");
    private static final String TEAM_PHONE = "0113 496 0888";
    private static final String EDT_PHONE = "0113 496 0999";
    /** What the fixture child's sensitive entry says, and so what the requester must not see before acceptance. */
    private static final List<String> SERVICE_DETAILS = List.of("Sexual health", "Test Sexual Health Clinic",
            "Nurse Confidential", "0113 496 0200", "clinic@example.org");

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;
    @MockitoSpyBean
    OfficeHours hours;

    private TestFixtures.Child child;
    private String cp;
    private String requester;
    private long requesterId;

    @BeforeEach
    void aLiveAuthorityAChildWithASensitiveServiceAndAPractitioner() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), EDT_PHONE, LiveState.PRACTITIONERS_LIVE);
        authorities.updateTeamPhone(new LocalAuthorityCode(TestFixtures.LEEDS), TEAM_PHONE);
        child = fixtures.child(false);
        cp = child.contactPointId().value();
        requester = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.EDUCATION, "Requesting School Team"), false);
        requesterId = userId(requester);
        jdbc.sql("UPDATE app_user SET phone = '0113 496 0777', email = 'asker@example.org' WHERE id = :id")
                .param("id", requesterId).update();
    }

    @Test
    void inOfficeHoursTheLaTeamPassesItOnAndTheServiceAcceptsSoTheRequesterSeesItsContact() {
        doReturn(true).when(hours).open();
        WebClient web = signedIn(requester);
        String record = open(web);
        assertThat(record).contains("A sensitive service is involved").contains("Ask for contact to be brokered")
                .doesNotContain("id=\"out-of-hours\"");
        String position = position(record);

        String form = web.post("/records/open", "/records/brokering/new", Map.of("contactPointId", cp, "position", position)).body();
        assertThat(form).contains("Ask for contact to be brokered").contains("0113 496 0777").contains("asker@example.org");

        HttpResponse<String> sent = ask(web, position, "Need to agree a safety plan", "URGENT");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("will pass your request on").contains(TEAM_PHONE).doesNotContain("id=\"out-of-hours\"");
        assertNoServiceDetails(sent.body());
        long id = requestId(sent.body());
        assertThat(jdbc.sql("SELECT status FROM brokered_contact WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT out_of_hours FROM brokered_contact WHERE id = :id").param("id", id).query(Boolean.class).single())
                .isFalse();

        assertThat(ask(web, position, "Need to agree a safety plan", "URGENT").body()).as("asked twice")
                .contains("There is a problem").contains("already asked");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM brokered_contact WHERE child_id = :c").param("c", child.id())
                .query(Long.class).single()).isEqualTo(1);

        String mine = web.get("/brokering/requests/" + id).body();
        assertThat(mine).contains("Waiting for the local authority ContactPoint team").contains("Need to agree a safety plan");
        assertNoServiceDetails(mine);
        assertNoServiceDetails(web.get("/brokering").body());

        WebClient service = signedIn(fixtures.user(Set.of(Role.PRACTITIONER), child.sensitiveServiceOrganisation(), false));
        assertThat(service.get("/brokering/requests/" + id).statusCode()).as("not yet passed to the service").isEqualTo(404);
        assertThat(service.post("/brokering", "/brokering/requests/" + id + "/accept", Map.of()).statusCode()).isEqualTo(404);
        assertStrangersGet404(id);

        WebClient la = laTeam(TestFixtures.LEEDS);
        String list = la.get("/brokering").body();
        assertThat(list).contains("/brokering/requests/" + id).contains("Test Sexual Health Clinic");
        assertThat(la.get("/brokering/requests/" + id).body()).contains("Pass to the service").contains("0113 496 0777");
        assertThat(la.post("/brokering/requests/" + id, "/brokering/requests/" + id + "/pass", Map.of()).statusCode()).isEqualTo(302);
        assertThat(la.get("/brokering/requests/" + id).body()).contains("Passed to the service").doesNotContain("id=\"pass\"");

        String passed = web.get("/brokering/requests/" + id).body();
        assertThat(passed).contains("Passed to the service");
        assertNoServiceDetails(passed);
        assertThat(web.post("/brokering", "/brokering/requests/" + id + "/accept", Map.of()).statusCode())
                .as("the requester cannot answer for the service").isEqualTo(404);

        assertThat(service.get("/brokering").body()).contains("/brokering/requests/" + id);
        assertThat(service.get("/brokering/requests/" + id).body()).contains("Need to agree a safety plan")
                .contains("0113 496 0777").contains("Accept");
        assertThat(service.post("/brokering/requests/" + id, "/brokering/requests/" + id + "/accept", Map.of()).statusCode())
                .isEqualTo(302);
        assertStrangersGet404(id);

        String accepted = web.get("/brokering/requests/" + id).body();
        assertThat(accepted).contains("The service accepted").contains("How to reach the service");
        assertThat(accepted).contains(SERVICE_DETAILS.toArray(String[]::new));

        List<String> told = notificationsOf(requesterId, 2);
        assertThat(told).anySatisfy(n -> assertThat(n).contains("accepted").contains("/brokering/requests/" + id));
        assertNotificationsNameNeitherServiceNorChild();
        assertAuditedWithoutDetails(id, 5);
    }

    @Test
    void outOfHoursTheRecordAndConfirmationShowTheEmergencyDutyTeamAndADeclineRevealsNothing() {
        doReturn(false).when(hours).open();
        WebClient web = signedIn(requester);
        String record = open(web);
        assertThat(record).contains("id=\"out-of-hours\"").contains(EDT_PHONE);

        HttpResponse<String> sent = ask(web, position(record), "Young person asked me to get in touch", "SOON");
        assertThat(sent.body()).contains("id=\"out-of-hours\"").contains("emergency duty team").contains(EDT_PHONE)
                .contains("when they are next at work");
        assertNoServiceDetails(sent.body());
        long id = requestId(sent.body());
        assertThat(jdbc.sql("SELECT out_of_hours FROM brokered_contact WHERE id = :id").param("id", id).query(Boolean.class).single())
                .isTrue();
        LocalDate due = jdbc.sql("SELECT due_on FROM brokered_contact WHERE id = :id").param("id", id).query(LocalDate.class).single();
        assertThat(WorkingDays.isWorkingDay(due)).isTrue();
        assertThat(due).isAfter(LocalDate.now(java.time.ZoneId.of("Europe/London")));
        // Out of hours it still waits for the LA team: it is on their list.
        WebClient la = laTeam(TestFixtures.LEEDS);
        assertThat(la.get("/brokering").body()).contains("/brokering/requests/" + id);
        assertThat(la.post("/brokering/requests/" + id, "/brokering/requests/" + id + "/pass", Map.of()).statusCode()).isEqualTo(302);

        WebClient service = signedIn(fixtures.user(Set.of(Role.PRACTITIONER), child.sensitiveServiceOrganisation(), false));
        assertThat(service.post("/brokering/requests/" + id, "/brokering/requests/" + id + "/decline", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(service.post("/brokering/requests/" + id, "/brokering/requests/" + id + "/accept", Map.of()).statusCode())
                .as("answered once only").isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM brokered_contact WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("DECLINED");

        String declined = web.get("/brokering/requests/" + id).body();
        assertThat(declined).contains("The service declined contact; the LA team may advise").contains(TEAM_PHONE);
        assertNoServiceDetails(declined);
        assertNoServiceDetails(web.get("/brokering").body());
        assertThat(notificationsOf(requesterId, 2)).anySatisfy(n -> assertThat(n).contains("declined"));
        assertNotificationsNameNeitherServiceNorChild();
        assertStrangersGet404(id);
    }

    @Test
    void badInputIsRefusedWithAnErrorSummaryAndNothingIsSaved() {
        doReturn(true).when(hours).open();
        WebClient web = signedIn(requester);
        String position = position(open(web));

        HttpResponse<String> blank = ask(web, position, "  ", "");
        assertThat(blank.body()).contains("There is a problem").contains("Say why you need to contact the service")
                .contains("Choose how soon you need contact");
        Map<String, String> unreachable = form(position, "Safety plan", "ROUTINE");
        unreachable.put("phone", "");
        unreachable.put("email", "");
        assertThat(web.post("/records/open", "/records/brokering", unreachable).body()).contains("There is a problem")
                .contains("Enter a phone number or an email address");
        assertThat(ask(web, position, "x".repeat(201), "ROUTINE").body()).contains("200 characters or fewer");
        // A line that is not a masked service (the social worker's, or none) is refused, and nothing is saved.
        String notMasked = "1".equals(position) ? "0" : "1";
        assertThat(ask(web, notMasked, "Safety plan", "ROUTINE").body()).contains("There is a problem")
                .contains("open it again");
        assertThat(web.post("/records/open", "/records/brokering", Map.of("contactPointId", cp, "position", "x")).statusCode())
                .isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM brokered_contact WHERE child_id = :c").param("c", child.id())
                .query(Long.class).single()).isZero();
        // An LA team member sees the service already, and is not a practitioner: no form for them.
        assertThat(laTeam(TestFixtures.LEEDS).post("/brokering", "/records/brokering/new",
                Map.of("contactPointId", cp, "position", position)).statusCode()).isEqualTo(403);
    }

    // ---- helpers ----

    private void assertStrangersGet404(long id) {
        WebClient other = signedIn(fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Another Clinic"), false));
        assertThat(other.get("/brokering/requests/" + id).statusCode()).isEqualTo(404);
        assertThat(other.post("/brokering", "/brokering/requests/" + id + "/pass", Map.of()).statusCode()).isEqualTo(404);
        assertThat(other.post("/brokering", "/brokering/requests/" + id + "/decline", Map.of()).statusCode()).isEqualTo(404);
        assertThat(other.get("/brokering").body()).doesNotContain("/brokering/requests/" + id);
        WebClient otherLa = laTeam("E08000036");
        assertThat(otherLa.get("/brokering/requests/" + id).statusCode()).isEqualTo(404);
        assertThat(otherLa.post("/brokering", "/brokering/requests/" + id + "/pass", Map.of()).statusCode()).isEqualTo(404);
        assertThat(other.get("/brokering/requests/999999999").statusCode()).isEqualTo(404);
    }

    private void assertNoServiceDetails(String page) {
        for (String detail : SERVICE_DETAILS) {
            assertThat(page).as("the requester's page names the service").doesNotContainIgnoringCase(detail);
        }
    }

    /** Every notification about brokering: none names the service or the child. */
    private void assertNotificationsNameNeitherServiceNorChild() {
        List<String> all = jdbc.sql("SELECT subject || ' ' || body FROM notification WHERE body LIKE '%/brokering/%'")
                .query(String.class).list();
        assertThat(all).isNotEmpty();
        for (String n : all) {
            for (String detail : SERVICE_DETAILS) {
                assertThat(n).doesNotContainIgnoringCase(detail);
            }
            assertThat(n).doesNotContain("Zebedee").doesNotContain("Quixley").doesNotContain(cp);
        }
    }

    private void assertAuditedWithoutDetails(long id, int atLeast) {
        List<String> details = jdbc.sql("""
                        SELECT e.detail FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :child AND e.action = 'BROKERED_CONTACT' ORDER BY e.id""")
                .param("child", child.id()).query(String.class).list();
        assertThat(details).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("request=" + id + ";asked"));
        assertThat(details).anySatisfy(d -> assertThat(d).isEqualTo("request=" + id + ";passed"));
        assertThat(details).anySatisfy(d -> assertThat(d).isEqualTo("request=" + id + ";accepted"));
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("request=" + id + ";read;party=REQUESTER"));
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event WHERE action = 'BROKERED_CONTACT' AND outcome = 'REFUSED'
                        AND detail LIKE :d""").param("d", "request=" + id + ";%").query(Long.class).single()).isPositive();
        String everything = String.join(" ", details);
        for (String detail : SERVICE_DETAILS) {
            assertThat(everything).doesNotContainIgnoringCase(detail);
        }
        assertThat(everything).doesNotContain("safety plan").doesNotContain("0113 496 0777");
    }

    private List<String> notificationsOf(long userId, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> found;
        do {
            found = jdbc.sql("SELECT subject || ' ' || body FROM notification WHERE user_id = :u ORDER BY id")
                    .param("u", userId).query(String.class).list();
            if (found.size() >= atLeast) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        return found;
    }

    private HttpResponse<String> ask(WebClient web, String position, String reason, String urgency) {
        return web.post("/records/open", "/records/brokering", form(position, reason, urgency));
    }

    private Map<String, String> form(String position, String reason, String urgency) {
        Map<String, String> form = new HashMap<>();
        form.put("contactPointId", cp);
        form.put("position", position);
        form.put("reason", reason);
        form.put("phone", "0113 496 0777");
        form.put("email", "asker@example.org");
        form.put("urgency", urgency);
        return form;
    }

    private String open(WebClient web) {
        return web.post("/records/open", "/records/open", Map.of("contactPointId", cp, "reason", "working with the child")).body();
    }

    private static String position(String page) {
        Matcher m = POSITION.matcher(page);
        assertThat(m.find()).as("no brokering button on the record").isTrue();
        return m.group(1);
    }

    private static long requestId(String page) {
        Matcher m = REQUEST.matcher(page);
        assertThat(m.find()).as("no link to the request").isTrue();
        return Long.parseLong(m.group(1));
    }

    private WebClient laTeam(String localAuthority) {
        String user = fixtures.user(Set.of(Role.LA_DATA_MANAGER), fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY,
                Sector.LOCAL_AUTHORITY, "ContactPoint Team"), false, localAuthority);
        return signedIn(user);
    }

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }
}
