package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.ReviewFixtures;
import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Sector;

/** The data managers' pages over HTTP: the review queue, a decision, merging and undoing it, and who is kept out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DataManagementIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    ReviewFixtures reviews;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private WebClient signedIn(Set<Role> roles, String localAuthority) {
        long team = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "ContactPoint team");
        String user = fixtures.user(roles, team, false, localAuthority);
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    @Test
    void shouldLetADataManagerReviewAndLinkARowOfTheirAuthorityAndKeepOthersOut() {
        String family = ReviewFixtures.uniqueFamilyName("Webreview");
        TestFixtures.Child child = fixtures.child("Zebedee", family, LocalDate.of(2012, 5, 17), "LS6 2AB", false);
        String upn = ReviewFixtures.upn();
        long review = reviews.reviewRow("SCHOOL_CENSUS", child.id(), "POSSIBLE_MATCH", 0.931,
                "forename=Zebedee;surname=" + family + ";date_of_birth=2012-05-17;sex=MALE;postcode=LS6 2AB;upn=" + upn + ";",
                "SCHOOL_CENSUS:" + upn);
        WebClient leeds = signedIn(Set.of(Role.LA_DATA_MANAGER), TestFixtures.LEEDS);
        WebClient camden = signedIn(Set.of(Role.LA_DATA_MANAGER), ReviewFixtures.CAMDEN);
        WebClient practitioner = signedIn(Set.of(Role.PRACTITIONER), TestFixtures.LEEDS);

        assertThat(leeds.get("/home").body()).contains("href=\"/data/review\"");
        String list = leeds.get("/data/review").body();
        assertThat(list).contains("/data/review/" + review).contains("Possible match");
        String page = leeds.get("/data/review/" + review).body();
        assertThat(page).contains("93.1%").contains(family).contains(child.contactPointId().formatted())
                .contains("What is this row?").contains("govuk-tag--green")
                .as("a UPN shows only to education staff").doesNotContain(upn);

        assertThat(camden.get("/data/review/" + review).statusCode()).isEqualTo(404);
        assertThat(camden.post("/data/review", "/data/review/" + review + "/decide", Map.of("decision", "REJECT")).statusCode())
                .isEqualTo(404);
        assertThat(camden.get("/data/review").body()).doesNotContain("/data/review/" + review + "\"");
        assertThat(practitioner.get("/data/review").statusCode()).isEqualTo(403);
        assertThat(practitioner.get("/data/review/" + review).statusCode()).isEqualTo(403);

        HttpResponse<String> missing = leeds.post("/data/review/" + review, "/data/review/" + review + "/decide", Map.of("note", "x"));
        assertThat(missing.headers().firstValue("Location").orElseThrow()).endsWith("/data/review/" + review);
        assertThat(leeds.get("/data/review/" + review).body()).contains("There is a problem").contains("Choose link, keep apart or reject");

        HttpResponse<String> linked = leeds.post("/data/review/" + review, "/data/review/" + review + "/decide",
                Map.of("decision", "LINK", "note", "UPN confirmed by the school"));
        assertThat(linked.statusCode()).isEqualTo(302);
        assertThat(leeds.get("/data/review").body()).contains("Row linked to record " + child.contactPointId().formatted());
        assertThat(jdbc.sql("SELECT status FROM ingest_review WHERE id = :id").param("id", review).query(String.class).single())
                .isEqualTo("LINKED");
        assertThat(leeds.get("/data/review/" + review).body()).contains("LINKED by").contains("UPN confirmed by the school")
                .doesNotContain("What is this row?");
    }

    @Test
    void shouldMergeTwoRecordsFromTheFormShowTheHistoryAndUndoIt() {
        long school = fixtures.organisation(OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, "School");
        long service = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Social work");
        String family = ReviewFixtures.uniqueFamilyName("Webmerge");
        long keep = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service, List.of());
        long gone = reviews.child("Emilia", family, LocalDate.of(2014, 2, 3), false, school, service, List.of());
        String keepId = directory.find(keep).orElseThrow().contactPointId().value();
        String goneId = directory.find(gone).orElseThrow().contactPointId().value();
        WebClient leeds = signedIn(Set.of(Role.LA_DATA_MANAGER), TestFixtures.LEEDS);

        leeds.post("/data/merge", "/data/merge", Map.of("keep", keepId, "merge", "1234", "reason", ""));
        String problems = leeds.get("/data/merge").body();
        assertThat(problems).contains("There is a problem").contains("href=\"#merge\"").contains("href=\"#reason\"")
                .contains("value=\"" + keepId + "\"");
        assertThat(directory.find(gone).orElseThrow().status()).isEqualTo(RecordStatus.LIVE);

        HttpResponse<String> merged = leeds.post("/data/merge", "/data/merge",
                Map.of("keep", keepId, "merge", goneId, "reason", "same child twice"));
        assertThat(merged.headers().firstValue("Location").orElseThrow()).endsWith("/data/children/" + keepId + "/history");
        assertThat(directory.find(gone).orElseThrow().status()).isEqualTo(RecordStatus.MERGED);
        String history = leeds.get("/data/children/" + keepId + "/history").body();
        assertThat(history).contains("is merged into").contains("same child twice").contains("Undo this merge");
        assertThat(leeds.get("/data/children/" + goneId + "/history").body()).contains("This record is merged into");

        long mergeId = jdbc.sql("SELECT id FROM child_merge WHERE merged_id = :id").param("id", gone).query(Long.class).single();
        leeds.post("/data/children/" + keepId + "/history", "/data/merges/" + mergeId + "/unmerge",
                Map.of("reason", "two children", "contactPointId", keepId));
        assertThat(directory.find(gone).orElseThrow().status()).isEqualTo(RecordStatus.LIVE);
        assertThat(leeds.get("/data/children/" + keepId + "/history").body()).contains("Undone").contains("two children");

        WebClient camden = signedIn(Set.of(Role.LA_DATA_MANAGER), ReviewFixtures.CAMDEN);
        assertThat(camden.get("/data/children/" + keepId + "/history").statusCode()).isEqualTo(404);
        assertThat(signedIn(Set.of(Role.PRACTITIONER), TestFixtures.LEEDS).get("/data/merge").statusCode()).isEqualTo(403);
    }
}
