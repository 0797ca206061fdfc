package uk.contactpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.ApiClients;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The REST API joins the leak test (issue 9): children whose hidden fields carry unique markers (a shielded child's
 * home, carer's phone and sensitive practitioner; an open child's sensitive practitioner; an archived and a suppressed
 * child's names) are searched for and read through the API by an ordinary practitioner's case management system,
 * which must be given none of the markers, while the child's own authority's team, who may, must be given them: the
 * check fails both ways. No marker may reach the application's log, bad input carrying one included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ApiLeakIT {

    private static final String REASON = "{\"reason\":\"I am working with this child\"}";

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    ApiClients clients;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    Directory directory;

    private static String word(String prefix) {
        StringBuilder s = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    @Test
    void noApiAnswerShowsAnOrdinaryPractitionerWhatTheRulesHide(CapturedOutput log) {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        LocalDate born = LocalDate.of(2013, 6, 2);
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("shielded home", word("Refugelane"));
        hidden.put("shielded carer's phone", "07700 9" + (10000 + ThreadLocalRandom.current().nextInt(89999)));
        hidden.put("sensitive practitioner", word("Nurse Discreet"));
        hidden.put("shielded child's sensitive practitioner", word("Nurse Veiled"));
        hidden.put("archived child", word("Archivedname"));
        hidden.put("suppressed child", word("Oldidentity"));
        String shieldedFamily = word("Apishield");
        String openFamily = word("Apiopen");

        TestFixtures.Child shielded = fixtures.child("Hermione", shieldedFamily, born, "LS6 2AB", true,
                hidden.get("shielded home"), hidden.get("shielded carer's phone"), hidden.get("shielded child's sensitive practitioner"));
        TestFixtures.Child open = fixtures.child("Hermione", openFamily, born, "LS6 2AB", false,
                "3 Open Road", "07700 900111", hidden.get("sensitive practitioner"));
        TestFixtures.Child archived = fixtures.child("Hermione", hidden.get("archived child"), born, "LS6 2AB", false);
        TestFixtures.Child suppressed = fixtures.child("Hermione", hidden.get("suppressed child"), born, "LS6 2AB", false);
        directory.archive(List.of(archived.id()), LocalDate.now());
        jdbc.sql("UPDATE child SET status = 'SUPPRESSED' WHERE id = :c").param("c", suppressed.id()).update();
        directory.reindex(List.of(suppressed.id()));

        ApiTokens api = new ApiTokens(port);
        long health = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "API Leak Test Health Visitors");
        ApiTokens.Token practitioner = token(api, fixtures.user(Set.of(Role.PRACTITIONER), health, false));
        List<String> answers = new ArrayList<>();
        for (String family : List.of(shieldedFamily, openFamily, hidden.get("archived child"), hidden.get("suppressed child"))) {
            HttpResponse<String> found = api.call(practitioner, "POST", "/api/v1/searches",
                    "{\"familyName\":\"" + family + "\",\"dateOfBirth\":\"" + born + "\"}");
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            // The answer's matches only: a search answer may repeat nothing of the criteria but the matches' own names.
            answers.add(ApiTokens.json(found).get("results").toString());
        }
        for (TestFixtures.Child c : List.of(shielded, open, archived, suppressed)) {
            answers.add(api.call(practitioner, "POST", "/api/v1/children/" + c.contactPointId().value() + "/views", REASON).body());
        }
        // Bad input carrying markers: refused, and not echoed into the log (checked below).
        HttpResponse<String> bad = api.call(practitioner, "POST", "/api/v1/searches",
                "{\"familyName\":\"" + hidden.get("shielded home") + "\",\"dateOfBirth\":\"" + hidden.get("archived child") + "\"}");
        assertThat(bad.statusCode()).isBetween(400, 499);
        assertThat(bad.body()).doesNotContain(hidden.get("archived child"));

        long leedsTeam = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team");
        ApiTokens.Token own = token(api, fixtures.user(Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER), leedsTeam, false));
        List<String> ownAnswers = new ArrayList<>();
        for (TestFixtures.Child c : List.of(shielded, open)) {
            ownAnswers.add(api.call(own, "POST", "/api/v1/children/" + c.contactPointId().value() + "/views", REASON).body());
        }

        String practitionerText = String.join("\n", answers);
        assertThat(practitionerText).as("the practitioner's answers were real answers").contains(openFamily).contains(shieldedFamily)
                .contains("3 Open Road").contains("Sam Social");
        for (Map.Entry<String, String> h : hidden.entrySet()) {
            assertThat(practitionerText).as("an ordinary practitioner must not be given the %s", h.getKey()).doesNotContain(h.getValue());
        }
        String ownText = String.join("\n", ownAnswers);
        assertThat(ownText).as("the child's own authority's team sees past the shield and the mask, to broker contact")
                .contains(hidden.get("shielded home")).contains(hidden.get("shielded carer's phone"))
                .contains(hidden.get("sensitive practitioner")).contains(hidden.get("shielded child's sensitive practitioner"));
        for (String marker : hidden.values()) {
            assertThat(log.getAll()).as("the log must not hold a child's details").doesNotContain(marker);
        }
    }

    private ApiTokens.Token token(ApiTokens api, String username) {
        return api.practitionerToken(ApiTokens.registerCms(clients), username, TestFixtures.PASSWORD, TestFixtures.PIN,
                fixtures.totpSecret(username));
    }
}
