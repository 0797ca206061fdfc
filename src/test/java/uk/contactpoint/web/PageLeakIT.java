package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * No page leaks (issue 7), across the whole web service rather than one template: children whose hidden fields
 * carry unique markers (a shielded child's home and carer's phone, a sensitive service's practitioner, an
 * archived and a suppressed child's names) are searched for, opened, reported on, proposed for and listed by
 * an ordinary practitioner and by another authority's team, who then fetch every page they can reach (each GET
 * route, with these children's IDs where a route takes one); every page and every notification anyone was sent
 * is checked for the markers. The child's own authority's team, who may see them, must see them: the check
 * fails both ways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PageLeakIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    Directory directory;

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private static String word(String prefix) {
        StringBuilder s = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    @Test
    void noPageOrNotificationShowsAnOrdinaryPractitionerOrAnotherAuthorityWhatTheRulesHide() throws InterruptedException {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        long started = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM notification").query(Long.class).single();
        LocalDate born = LocalDate.of(2013, 6, 2);
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("shielded home", word("Refugelane"));
        hidden.put("shielded carer's phone", "07700 9" + (10000 + ThreadLocalRandom.current().nextInt(89999)));
        hidden.put("sensitive practitioner", word("Nurse Discreet"));
        hidden.put("shielded child's sensitive practitioner", word("Nurse Veiled"));
        hidden.put("archived child", word("Archivedname"));
        hidden.put("suppressed child", word("Oldidentity"));
        String shieldedFamily = word("Leakshield");
        String openFamily = word("Leakopen");

        TestFixtures.Child shielded = fixtures.child("Hermione", shieldedFamily, born, "LS6 2AB", true,
                hidden.get("shielded home"), hidden.get("shielded carer's phone"), hidden.get("shielded child's sensitive practitioner"));
        TestFixtures.Child open = fixtures.child("Hermione", openFamily, born, "LS6 2AB", false,
                "3 Open Road", "07700 900111", hidden.get("sensitive practitioner"));
        TestFixtures.Child archived = fixtures.child("Hermione", hidden.get("archived child"), born, "LS6 2AB", false);
        TestFixtures.Child suppressed = fixtures.child("Hermione", hidden.get("suppressed child"), born, "LS6 2AB", false);
        directory.archive(List.of(archived.id()), LocalDate.now());
        jdbc.sql("UPDATE child SET status = 'SUPPRESSED' WHERE id = :c").param("c", suppressed.id()).update();
        directory.reindex(List.of(suppressed.id()));
        List<TestFixtures.Child> children = List.of(shielded, open, archived, suppressed);
        // The shielded and the open child left school yesterday: both are now missing education and listed in the
        // reports (ADR 40), which must show neither's address to anyone.
        jdbc.sql("UPDATE child_setting SET end_date = :d WHERE kind = 'EDUCATION' AND child_id IN (:ids)")
                .param("d", LocalDate.now().minusDays(1)).param("ids", List.of(shielded.id(), open.id())).update();

        long healthOrg = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Leak Test Health Visitors");
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER), healthOrg, false);
        long camdenTeam = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Camden ContactPoint Team");
        String otherAuthority = fixtures.user(Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER, Role.LA_AUDITOR, Role.LA_USER_ADMIN),
                camdenTeam, false, "E09000007");
        long leedsTeam = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team");
        String ownAuthority = fixtures.user(Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER), leedsTeam, false);

        List<String> practitionerPages = new ArrayList<>();
        WebClient web = signedIn(practitioner);
        // What a practitioner does with these children: search, open, record an entry, propose themselves, report.
        for (String family : List.of(shieldedFamily, openFamily, hidden.get("archived child"), hidden.get("suppressed child"))) {
            practitionerPages.add(web.post("/search", "/search", Map.of("familyName", family, "dateOfBirth-day", "2",
                    "dateOfBirth-month", "6", "dateOfBirth-year", "2013")).body());
        }
        for (TestFixtures.Child c : children) {
            practitionerPages.add(web.post("/records/open", "/records/open", Map.of("contactPointId", c.contactPointId().value(),
                    "reason", "checking who to contact")).body());
        }
        Map<String, String> entry = new HashMap<>(Map.of("contactPointId", open.contactPointId().value(), "serviceType", "HEALTH_VISITING",
                "startDate-day", "1", "startDate-month", "9", "startDate-year", "2025", "who", "ME", "role", "Health visitor",
                "phone", "0113 496 0555", "email", "hv@example.org"));
        String recorded = web.post("/records/open", "/records/involvement", entry).body();
        practitionerPages.add(recorded);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("name=\"involvementId\" value=\"(\\d+)\"").matcher(recorded);
        assertThat(id.find()).as("the entry was recorded").isTrue();
        String proposed = web.post("/records/open", "/involvements/lead", Map.of("contactPointId", open.contactPointId().value(),
                "involvementId", id.group(1), "basis", "ASK")).body();
        assertThat(proposed).contains("Your proposal is sent");
        practitionerPages.add(proposed);
        // Ask for brokered contact with the masked service: the request and its pages must not name it.
        String openRecord = web.post("/records/open", "/records/open", Map.of("contactPointId", open.contactPointId().value(),
                "reason", "checking who to contact")).body();
        java.util.regex.Matcher position = java.util.regex.Pattern.compile("name=\"position\" value=\"(\\d+)\"").matcher(openRecord);
        assertThat(position.find()).as("the masked line offers brokered contact").isTrue();
        String asked = web.post("/records/open", "/records/brokering", Map.of("contactPointId", open.contactPointId().value(),
                "position", position.group(1), "reason", "Safety plan", "phone", "0113 496 0777", "email", "asker@example.org",
                "urgency", "ROUTINE")).body();
        assertThat(asked).doesNotContain("There is a problem");
        practitionerPages.add(asked);
        practitionerPages.add(web.post("/records/open", "/records/inaccuracy", Map.of("contactPointId", open.contactPointId().value(),
                "field", "SCHOOL_OR_GP", "description", "Moved school in September")).body());
        practitionerPages.addAll(everyPage(web, children));

        // Both Leeds children's addresses said to be in Camden (ADR 42): Camden's team is asked to take them, and sees
        // them through the policy as it is not yet responsible (the shielded one restricted, the sensitive service masked).
        List<Long> transfers = new ArrayList<>();
        for (TestFixtures.Child c : List.of(shielded, open)) {
            directory.proposeTransfers(List.of(new uk.contactpoint.directory.TransferProposed(c.id(),
                    new LocalAuthorityCode(TestFixtures.LEEDS), new LocalAuthorityCode("E09000007"), "NHS_PDS", null, null)));
            transfers.add(jdbc.sql("SELECT id FROM la_transfer WHERE open_child_id = :c").param("c", c.id()).query(Long.class).single());
        }

        WebClient other = signedIn(otherAuthority);
        List<String> otherPages = new ArrayList<>();
        for (long t : transfers) {
            otherPages.add(other.get("/transfers/" + t).body());
        }
        assertThat(String.join("\n", otherPages)).as("the receiving team's transfer pages were real pages")
                .contains("Hermione " + shieldedFamily).contains("Hermione " + openFamily).contains("3 Open Road");
        for (TestFixtures.Child c : children) {
            otherPages.add(other.post("/records/open", "/records/open", Map.of("contactPointId", c.contactPointId().value(),
                    "reason", "checking who to contact")).body());
        }
        otherPages.add(other.post("/search", "/search", Map.of("familyName", shieldedFamily, "dateOfBirth-day", "2",
                "dateOfBirth-month", "6", "dateOfBirth-year", "2013")).body());
        for (TestFixtures.Child c : children) {
            otherPages.add(other.post("/archive", "/archive", Map.of("contactPointId", c.contactPointId().value(),
                    "reason", "Leaving-care referral")).body());
        }
        otherPages.addAll(everyPage(other, children));

        // A national administrator: no authority's team, so no further than a practitioner into these children
        // (the archive needs a statutory purpose, which this walk does not give).
        String national = fixtures.user(Set.of(Role.NATIONAL_ADMIN), fixtures.organisation(OrganisationKind.NATIONAL_PARTNER,
                Sector.NATIONAL, "National ContactPoint team"), false, null);
        WebClient nationalWeb = signedIn(national);
        List<String> nationalPages = new ArrayList<>();
        for (TestFixtures.Child c : children) {
            nationalPages.add(nationalWeb.post("/records/open", "/records/open", Map.of("contactPointId", c.contactPointId().value(),
                    "reason", "checking who to contact")).body());
        }
        nationalPages.add(nationalWeb.post("/search", "/search", Map.of("familyName", shieldedFamily, "dateOfBirth-day", "2",
                "dateOfBirth-month", "6", "dateOfBirth-year", "2013")).body());
        nationalPages.addAll(everyPage(nationalWeb, children));

        WebClient own = signedIn(ownAuthority);
        List<String> ownPages = new ArrayList<>();
        for (TestFixtures.Child c : List.of(shielded, open)) {
            ownPages.add(own.post("/records/open", "/records/open", Map.of("contactPointId", c.contactPointId().value(),
                    "reason", "brokering contact")).body());
        }
        ownPages.addAll(everyPage(own, children));

        // Notifications go after commit: wait for the social worker's "another practitioner" one and the team's report.
        long until = System.nanoTime() + 10_000_000_000L;
        while (notifications(started).size() < 2 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        List<String> sent = notifications(started);
        assertThat(sent).as("the practitioner's actions told someone").hasSizeGreaterThanOrEqualTo(2);

        String practitionerText = String.join("\n", practitionerPages);
        String otherText = String.join("\n", otherPages);
        String nationalText = String.join("\n", nationalPages);
        assertThat(nationalText).as("the national administrator's pages were real pages").contains("Hermione " + openFamily);
        String sentText = String.join("\n", sent);
        assertThat(practitionerText).as("the practitioner's pages were real pages").contains("Hermione " + openFamily)
                .contains("Hermione " + shieldedFamily).contains("3 Open Road");
        for (Map.Entry<String, String> h : hidden.entrySet()) {
            assertThat(practitionerText).as("an ordinary practitioner must not see the %s", h.getKey()).doesNotContain(h.getValue());
            assertThat(otherText).as("another authority's team must not see the %s", h.getKey()).doesNotContain(h.getValue());
            assertThat(nationalText).as("a national administrator must not see the %s", h.getKey()).doesNotContain(h.getValue());
            assertThat(sentText).as("no notification may carry the %s", h.getKey()).doesNotContain(h.getValue());
        }
        String ownText = String.join("\n", ownPages);
        String ownReports = String.join("\n", reportPages(own));
        assertThat(ownReports).as("the own team's report lists both children").contains("Hermione " + shieldedFamily)
                .contains("Hermione " + openFamily).contains("restricted");
        assertThat(ownReports).as("a report never shows an address, not even to the child's own team")
                .doesNotContain(hidden.get("shielded home")).doesNotContain("3 Open Road").doesNotContain(hidden.get("shielded carer's phone"));
        assertThat(ownText).as("the child's own authority's team sees past the shield and the mask, to broker contact")
                .contains(hidden.get("shielded home")).contains(hidden.get("shielded carer's phone"))
                .contains(hidden.get("sensitive practitioner")).contains(hidden.get("shielded child's sensitive practitioner"));
    }

    /** Every page a signed-in user can fetch by GET, with these children's IDs where a route takes a ContactPoint ID. */
    private static List<String> everyPage(WebClient web, List<TestFixtures.Child> children) {
        List<String> pages = new ArrayList<>();
        for (String path : List.of("/home", "/search", "/records/open", "/my-children", "/lead-professional", "/approvals",
                "/account/security-keys", "/la/settings", "/data/inaccuracies", "/data/children", "/data/review", "/data/merge",
                "/shielding", "/shielding/addresses", "/shielding/import", "/oversight/alerts", "/oversight/children",
                "/oversight/break-glass", "/oversight/subject-access", "/oversight/users", "/admin/users", "/admin/organisations",
                "/admin/local-authorities", "/admin/suppliers", "/mediated", "/brokering", "/archive", "/notifications",
                "/transfers", "/data/left-england")) {
            pages.add(web.get(path).body());
        }
        pages.addAll(reportPages(web));
        for (TestFixtures.Child c : children) {
            for (String path : List.of("/data/children/%s/history", "/data/children/%s/edit", "/data/children/%s/retention",
                    "/data/children/%s/new-identity", "/data/children/%s/responsibility")) {
                pages.add(web.get(path.formatted(c.contactPointId().value())).body());
            }
        }
        return pages;
    }

    /** The report pages and their CSV downloads (an LA team gets its own authority's whatever it asks for). */
    private static List<String> reportPages(WebClient web) {
        List<String> pages = new ArrayList<>();
        for (String path : List.of("/reports", "/reports/national", "/reports/national/export?table=missing-authorities",
                "/reports/missing-education?la=E08000035", "/reports/missing-education/export?table=children&la=E08000035",
                "/reports/data-quality?la=E08000035", "/reports/data-quality/export?table=summary&la=E08000035",
                "/reports/proportionality?la=E08000035", "/reports/proportionality/export?table=use&la=E08000035",
                "/reports/national/export?table=use-authorities")) {
            pages.add(web.get(path).body());
        }
        return pages;
    }

    private List<String> notifications(long after) {
        return jdbc.sql("SELECT subject || ' ' || body FROM notification WHERE id > :after").param("after", after)
                .query(String.class).list();
    }
}
