package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Searching for a caller over HTTP (ADR 0021): the caller checked by their token's code (once only, wrong
 * codes counted) or by a call back to their registered number; then search and record as the caller; every
 * check audited with the operator as actor, every search and view with the caller as actor, the operator as
 * client system and the call's reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MediatedSearchIT {

    private static final String PHONE = "0113 496 0123";

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;

    private String operator;
    private String caller;
    private String callerSecret;
    private WebClient web;

    @BeforeEach
    void anOperatorAtASchoolAndACallerAtAHealthService() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        operator = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, "Operator Primary School"), false);
        callerSecret = Totp.newSecret();
        caller = "caller." + UUID.randomUUID().toString().substring(0, 8);
        LocalDate vetted = LocalDate.now().minusMonths(2);
        users.create(new NewUser(caller, TestFixtures.PASSWORD, "Cal Caller", null, PHONE,
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Caller Health Visiting"), TestFixtures.LEEDS,
                Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, TestFixtures.PIN, callerSecret));
        web = new WebClient(port);
        web.signIn(operator, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(operator));
    }

    private HttpResponse<String> lookUp(String username, String verification) {
        return web.post("/mediated", "/mediated", Map.of("username", username, "reason", "Home visit this afternoon",
                "verification", verification));
    }

    private HttpResponse<String> verifyByCode(String code) {
        return web.post("/mediated", "/mediated/verify", Map.of("code", code));
    }

    private HttpResponse<String> search(String given, String family, LocalDate dob) {
        // The CSRF token from the first page, which answers whether or not a call is in progress.
        return web.post("/mediated", "/mediated/search", Map.of("givenName", given, "familyName", family,
                "dateOfBirth-day", Integer.toString(dob.getDayOfMonth()),
                "dateOfBirth-month", Integer.toString(dob.getMonthValue()),
                "dateOfBirth-year", Integer.toString(dob.getYear())));
    }

    private Map<String, Object> lastEvent(String actor, String action) {
        return jdbc.sql("""
                        SELECT actor, actor_organisation, client_system, reason, outcome, detail, child_ids FROM audit_event
                        WHERE actor = :a AND action = :action ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""")
                .param("a", actor).param("action", action).query().singleRow();
    }

    private long count(String actor, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action = :action")
                .param("a", actor).param("action", action).query(Long.class).single();
    }

    @Test
    void shouldSearchAndOpenARecordForACallerCheckedByTheirTokenCodeAndRecordBothPeopleAndTheReason() {
        String family = "Mediatedson" + (char) ('a' + (int) (Math.random() * 26));
        LocalDate dob = LocalDate.of(2015, 5, 17);
        TestFixtures.Child child = fixtures.child("Philippa", family, dob, "LS6 2AB", false);

        HttpResponse<String> check = lookUp(caller, "TOKEN_CODE");
        assertThat(check.body()).contains("Check the caller").contains("Cal Caller").contains("Caller Health Visiting")
                .doesNotContain(PHONE);
        HttpResponse<String> verified = verifyByCode(Totp.code(callerSecret, Instant.now()));
        assertThat(verified.statusCode()).isEqualTo(302);
        assertThat(verified.headers().firstValue("Location").orElseThrow()).endsWith("/mediated/search");
        Map<String, Object> check0 = lastEvent(operator, "MEDIATED_CALL");
        assertThat(check0.get("outcome")).isEqualTo("SUCCESS");
        assertThat((String) check0.get("detail")).contains("caller=" + caller).contains("verifiedBy=TOKEN_CODE").contains("result=VERIFIED");
        assertThat(check0.get("reason")).isEqualTo("Home visit this afternoon");

        HttpResponse<String> form = web.get("/mediated/search");
        assertThat(form.body()).contains("Searching for a caller").contains("Cal Caller").contains("End call")
                .as("NHS numbers only when both caller and operator may use them").doesNotContain("NHS number");
        HttpResponse<String> results = search("Philippa", family.substring(0, 4) + family.substring(5), dob);
        assertThat(results.body()).contains("Search results").contains("Philippa " + family).contains("/mediated/open");
        Map<String, Object> searched = lastEvent(caller, "SEARCH");
        assertThat(searched.get("client_system")).isEqualTo("mediated-by:" + operator);
        assertThat(searched.get("actor_organisation")).isEqualTo("Caller Health Visiting");
        assertThat(searched.get("reason")).isEqualTo("Home visit this afternoon");
        assertThat((String) searched.get("detail")).contains("operator=" + operator)
                .contains("operatorOrganisation=Operator Primary School").contains("verifiedBy=TOKEN_CODE");
        assertThat((String) searched.get("child_ids")).contains(Long.toString(child.id()));
        assertThat(count(operator, "SEARCH")).as("the operator searched for nobody of their own").isZero();

        HttpResponse<String> reason = web.post("/mediated/search", "/mediated/open", Map.of("contactPointId", child.contactPointId().value()));
        assertThat(reason.body()).contains("Why does the caller need this record?").contains("Home visit this afternoon");
        HttpResponse<String> record = web.post("/mediated/search", "/mediated/record", Map.of("contactPointId",
                child.contactPointId().value(), "reason", "Home visit: who else is involved"));
        assertThat(record.body()).contains("Philippa " + family).contains("Searching for a caller");
        assertThat(record.body()).as("no actions of the operator's own on a caller's record")
                .doesNotContain("Record my involvement").doesNotContain("I opened this record in error")
                .doesNotContain("Report an inaccuracy");
        Map<String, Object> viewed = lastEvent(caller, "RECORD_VIEW");
        assertThat(viewed.get("client_system")).isEqualTo("mediated-by:" + operator);
        assertThat(viewed.get("reason")).isEqualTo("Home visit: who else is involved");
        assertThat(viewed.get("outcome")).isEqualTo("DISCLOSED");
        assertThat((String) viewed.get("detail")).contains("relationship=").contains("operator=" + operator);
        assertThat(count(operator, "RECORD_VIEW")).isZero();
    }

    @Test
    void shouldCheckACallerByCallingBackTheirRegisteredNumberAndEndTheCall() {
        HttpResponse<String> check = lookUp(caller, "CALL_BACK");
        assertThat(check.body()).contains("Registered number").contains(PHONE);

        HttpResponse<String> unconfirmed = web.post("/mediated", "/mediated/verify", Map.of());
        assertThat(unconfirmed.body()).contains("There is a problem").contains("Confirm that you rang the caller");
        assertThat(lastEvent(operator, "MEDIATED_CALL").get("detail").toString()).contains("result=NOT_CONFIRMED");
        assertThat(web.get("/mediated/search").statusCode()).as("nothing to search before the check").isEqualTo(302);

        HttpResponse<String> confirmed = web.post("/mediated", "/mediated/verify", Map.of("confirmed", "yes"));
        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(lastEvent(operator, "MEDIATED_CALL").get("detail").toString()).contains("verifiedBy=CALL_BACK").contains("result=VERIFIED");
        assertThat(web.get("/mediated/search").body()).contains("Cal Caller").contains("call back");

        HttpResponse<String> ended = web.post("/mediated/search", "/mediated/end", Map.of());
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(lastEvent(operator, "MEDIATED_CALL").get("detail").toString()).contains("step=end");
        assertThat(web.get("/mediated").body()).contains("Call ended");
        HttpResponse<String> after = web.get("/mediated/search");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/mediated");
    }

    @Test
    void shouldRefuseAWrongCodeAndAReplayedCodeCountThemAndAuditThem() {
        String right = Totp.code(callerSecret, Instant.now());
        String wrong = right.equals("123456") ? "654321" : "123456";
        lookUp(caller, "TOKEN_CODE");
        HttpResponse<String> refused = verifyByCode(wrong);
        assertThat(refused.body()).contains("There is a problem").contains("The code is not right").contains("Check the caller");
        assertThat(web.get("/mediated/search").statusCode()).isEqualTo(302);
        Map<String, Object> event = lastEvent(operator, "MEDIATED_CALL");
        assertThat(event.get("outcome")).isEqualTo("REFUSED");
        assertThat((String) event.get("detail")).contains("caller=" + caller).contains("result=REJECTED");
        assertThat(jdbc.sql("SELECT failed_second_factors FROM app_user WHERE username = :u").param("u", caller)
                .query(Integer.class).single()).as("a wrong code counts towards the caller's lockout").isEqualTo(1);

        assertThat(verifyByCode(right).statusCode()).isEqualTo(302);
        web.post("/mediated/search", "/mediated/end", Map.of());
        lookUp(caller, "TOKEN_CODE");
        HttpResponse<String> replayed = verifyByCode(right);
        assertThat(replayed.body()).as("a code is accepted once only").contains("The code is not right");
        assertThat(web.get("/mediated/search").statusCode()).isEqualTo(302);
    }

    @Test
    void shouldRefuseASuspendedCallerACallerWhoseVettingExpiredAndAnUnknownUsername() {
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = :u").param("u", caller).update();
        HttpResponse<String> suspended = lookUp(caller, "TOKEN_CODE");
        assertThat(suspended.body()).contains("There is a problem").contains("Check the username with the caller")
                .doesNotContain("Cal Caller");
        assertThat(lastEvent(operator, "MEDIATED_CALL").get("detail").toString()).contains("caller=" + caller).contains("refused=username");

        jdbc.sql("UPDATE app_user SET enabled = TRUE, dbs_check_date = :d WHERE username = :u")
                .param("d", LocalDate.now().minusYears(3).minusDays(1)).param("u", caller).update();
        assertThat(lookUp(caller, "CALL_BACK").body()).contains("Check the username with the caller").doesNotContain(PHONE);

        assertThat(lookUp("nobody." + UUID.randomUUID().toString().substring(0, 8), "TOKEN_CODE").body())
                .contains("Check the username with the caller");
        assertThat(lookUp(operator, "TOKEN_CODE").body()).as("not on one's own behalf").contains("You cannot search for yourself");
        assertThat(count(caller, "SEARCH") + count(caller, "RECORD_VIEW")).isZero();
    }

    @Test
    void shouldEndTheCallWhenTheCallerIsSuspendedDuringIt() {
        lookUp(caller, "CALL_BACK");
        web.post("/mediated", "/mediated/verify", Map.of("confirmed", "yes"));
        assertThat(web.get("/mediated/search").statusCode()).isEqualTo(200);
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = :u").param("u", caller).update();
        HttpResponse<String> search = search("Anyone", "Anybody", LocalDate.of(2015, 1, 1));
        assertThat(search.statusCode()).isEqualTo(302);
        assertThat(web.get("/mediated").body()).contains("The call has ended");
        assertThat(count(caller, "SEARCH")).isZero();
    }

    @Test
    void shouldShowAShieldedRecordRestrictedEvenWhenTheCallerIsOnTheLaTeamThatMaySeeIt() {
        String teamCaller = "team." + UUID.randomUUID().toString().substring(0, 8);
        String secret = Totp.newSecret();
        LocalDate vetted = LocalDate.now().minusMonths(2);
        users.create(new NewUser(teamCaller, TestFixtures.PASSWORD, "Tess Team", null, PHONE,
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"),
                TestFixtures.LEEDS, Set.of(Role.PRACTITIONER, Role.LA_SHIELDING_OFFICER), false, vetted, vetted, vetted,
                TestFixtures.PIN, secret));
        String family = "Shieldsworth" + (char) ('a' + (int) (Math.random() * 26));
        LocalDate dob = LocalDate.of(2016, 2, 11);
        TestFixtures.Child shielded = fixtures.child("Imogen", family, dob, "LS6 2AB", true);

        web.post("/mediated", "/mediated", Map.of("username", teamCaller, "reason", "Brokering contact",
                "verification", "TOKEN_CODE"));
        assertThat(verifyByCode(Totp.code(secret, Instant.now())).statusCode()).isEqualTo(302);
        HttpResponse<String> record = web.post("/mediated", "/mediated/record", Map.of("contactPointId",
                shielded.contactPointId().value(), "reason", "Brokering contact"));
        assertThat(record.body()).as("over the phone, the caller has the practitioner's view only")
                .contains("Imogen " + family).contains("This record is restricted").doesNotContain("LS6 2AB");
        assertThat(lastEvent(teamCaller, "RECORD_VIEW").get("detail").toString()).startsWith("restricted;");
    }

    @Test
    void shouldNotLetANationalAdministratorTakeCallsAndLinkPractitionersToThem() {
        String nationalAdmin = fixtures.user(Set.of(Role.NATIONAL_ADMIN),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.NATIONAL, "National Team"), false);
        WebClient admin = new WebClient(port);
        admin.signIn(nationalAdmin, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(nationalAdmin));
        assertThat(admin.get("/mediated").statusCode()).isEqualTo(403);
        assertThat(admin.get("/home").body()).doesNotContain("Search for a caller");
        assertThat(web.get("/home").body()).contains("Search for a caller");
        assertThat(List.of(web.get("/mediated").statusCode())).containsExactly(200);
    }
}
