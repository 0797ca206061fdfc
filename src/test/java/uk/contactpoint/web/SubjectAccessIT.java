package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/** A subject access report as a page and as a PDF: everything held, what to consider withholding, who looked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SubjectAccessIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    @Test
    void shouldReportEverythingHeldFlagWhatToWithholdAndListWhoLookedAsPageAndPdf() throws Exception {
        TestFixtures.Child child = fixtures.child(true);
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Family Support Team"), false);
        WebClient looker = signedIn(practitioner);
        looker.post("/records/open", "/records/open",
                Map.of("contactPointId", child.contactPointId().value(), "reason", "family support referral"));

        String manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient web = signedIn(manager);
        HttpResponse<String> page = web.post("/oversight/subject-access", "/oversight/subject-access",
                Map.of("contactPointId", child.contactPointId().value()));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Zebedee Quixley").contains("7 Quarry Street").contains("Xanthe Quixley")
                .contains("The record is shielded").contains("A sensitive service given in confidence")
                .contains("Family Support Team").contains("family support referral");

        HttpResponse<byte[]> pdf = web.postBytes("/oversight/subject-access", "/oversight/subject-access/pdf",
                Map.of("contactPointId", child.contactPointId().value()));
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Subject access report").contains("Zebedee Quixley").contains("Family Support Team");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'EXPORT' AND child_ids = :c")
                .param("u", manager).param("c", Long.toString(child.id())).query(Long.class).single())
                .as("the page and the PDF are each audited").isEqualTo(2);

        assertThat(looker.get("/oversight/subject-access").statusCode()).isEqualTo(403);
    }
}
