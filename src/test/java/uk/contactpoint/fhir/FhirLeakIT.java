package uk.contactpoint.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.HtmlUtils;

import ca.uhn.fhir.util.FhirTerser;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The FHIR outputs join the leak test (issue 9): children whose hidden fields carry unique markers (a shielded
 * child's home, carer's phone and sensitive practitioner; an open child's sensitive practitioner; an archived and a
 * suppressed child's names) are searched for and read over FHIR by an ordinary practitioner, who must see none of
 * the markers, while the child's own authority's team, who may, must see them: the check fails both ways. Every
 * value the practitioner is given about a child must also be on the record page the web shows them (FHIR
 * discloses nothing more than the page), and no marker may reach the application's log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class FhirLeakIT {

    private static final String REASON = "Checking who to contact";

    @LocalServerPort
    int port;
    @Autowired
    private uk.contactpoint.access.ApiClients apiClients;

    @Autowired
    TestFixtures fixtures;
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
    void noFhirAnswerShowsAnOrdinaryPractitionerMoreThanTheRecordPageOrWhatTheRulesHide(CapturedOutput log) {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        LocalDate born = LocalDate.of(2013, 6, 2);
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("shielded home", word("Refugelane"));
        hidden.put("shielded carer's phone", "07700 9" + (10000 + ThreadLocalRandom.current().nextInt(89999)));
        hidden.put("sensitive practitioner", word("Nurse Discreet"));
        hidden.put("shielded child's sensitive practitioner", word("Nurse Veiled"));
        hidden.put("archived child", word("Archivedname"));
        hidden.put("suppressed child", word("Oldidentity"));
        String shieldedFamily = word("Fhirshield");
        String openFamily = word("Fhiropen");

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

        long health = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "FHIR Leak Test Health Visitors");
        FhirClient practitioner = FhirClient.signedIn(port, fixtures, apiClients, fixtures.user(Set.of(Role.PRACTITIONER), health, false));
        List<String> practitionerAnswers = new ArrayList<>();
        for (String family : List.of(shieldedFamily, openFamily, hidden.get("archived child"), hidden.get("suppressed child"))) {
            FhirClient.Answer found = practitioner.get("/fhir/Patient?family=" + family + "&birthdate=" + born);
            assertThat(found.status()).isEqualTo(200);
            practitionerAnswers.add(shown(found));
        }
        for (TestFixtures.Child c : children) {
            practitionerAnswers.addAll(everyRead(practitioner, c));
        }
        // Bad input carrying a marker: refused, and not echoed into the log (checked below).
        assertThat(practitioner.get("/fhir/Patient?family=" + hidden.get("shielded home") + "&birthdate="
                + hidden.get("archived child")).status()).isEqualTo(400);

        long leedsTeam = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team");
        FhirClient own = FhirClient.signedIn(port, fixtures, apiClients, fixtures.user(Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER), leedsTeam, false));
        List<String> ownAnswers = new ArrayList<>();
        for (TestFixtures.Child c : List.of(shielded, open)) {
            ownAnswers.addAll(everyRead(own, c));
        }

        String practitionerText = String.join("\n", practitionerAnswers);
        assertThat(practitionerText).as("the practitioner's answers were real answers").contains(openFamily).contains(shieldedFamily)
                .contains("3 Open Road").contains("Sam Social");
        for (Map.Entry<String, String> h : hidden.entrySet()) {
            assertThat(practitionerText).as("an ordinary practitioner must not be given the %s", h.getKey()).doesNotContain(h.getValue());
        }
        String ownText = String.join("\n", ownAnswers);
        assertThat(ownText).as("the child's own authority's team sees past the shield and the mask, to broker contact")
                .contains(hidden.get("shielded home")).contains(hidden.get("shielded carer's phone"))
                .contains(hidden.get("sensitive practitioner")).contains(hidden.get("shielded child's sensitive practitioner"));

        // Nothing more than the page: every value about the child in the FHIR answers is on the practitioner's record page.
        for (TestFixtures.Child c : List.of(shielded, open)) {
            String page = HtmlUtils.htmlUnescape(practitioner.recordPage(c.contactPointId().value(), REASON));
            assertThat(page).contains("Hermione");
            List<String> values = new ArrayList<>();
            for (Resource r : resources(practitioner, c)) {
                values.addAll(personalValues(r, c.contactPointId().value()));
            }
            assertThat(values).as("the FHIR answers say something").isNotEmpty();
            assertThat(values).as("FHIR values not on the record page").allSatisfy(v -> assertThat(page).contains(v));
        }

        for (String marker : hidden.values()) {
            assertThat(log.getAll()).as("the log must not hold a child's details").doesNotContain(marker);
        }
    }

    private static List<String> everyRead(FhirClient fhir, TestFixtures.Child c) {
        String id = c.contactPointId().value();
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/fhir/Patient/" + id, "/fhir/RelatedPerson/" + id + "-1", "/fhir/CareTeam/" + id,
                "/fhir/RelatedPerson?patient=" + id, "/fhir/CareTeam?patient=Patient/" + id,
                "/fhir/Patient?identifier=" + FhirSystems.CONTACTPOINT_ID + "|" + id)) {
            answers.add(shown(fhir.get(path, REASON)));
        }
        return answers;
    }

    /**
     * What an answer tells about children: a search's matches without the bundle's self link (which repeats the
     * caller's own criteria, such as the family name they typed), or the whole answer.
     */
    private static String shown(FhirClient.Answer answer) {
        if (answer.status() == 200 && answer.resource() instanceof Bundle bundle) {
            bundle.setLink(List.of());
            return FhirClient.R4.newJsonParser().encodeResourceToString(bundle);
        }
        return answer.body();
    }

    private static List<Resource> resources(FhirClient fhir, TestFixtures.Child c) {
        String id = c.contactPointId().value();
        List<Resource> resources = new ArrayList<>();
        resources.add((Resource) fhir.get("/fhir/Patient/" + id, REASON).resource());
        resources.add((Resource) fhir.get("/fhir/CareTeam/" + id, REASON).resource());
        for (Bundle.BundleEntryComponent e : fhir.get("/fhir/RelatedPerson?patient=" + id, REASON).resource(Bundle.class).getEntry()) {
            resources.add(e.getResource());
        }
        return resources;
    }

    /**
     * The free-text values of a resource: names, addresses, phone numbers, emails, organisation and practitioner
     * names, identifiers. Left out: the service's own vocabulary (codings and concept texts, the care team's title),
     * references between resources, the ContactPoint ID (the page groups its digits) and organisations' codes (public
     * reference data).
     */
    private static List<String> personalValues(Resource r, String contactPointId) {
        FhirTerser terser = FhirClient.R4.newTerser();
        Set<String> excluded = new HashSet<>();
        terser.getAllPopulatedChildElementsOfType(r, Coding.class).forEach(c -> excluded.add(c.getDisplay()));
        terser.getAllPopulatedChildElementsOfType(r, CodeableConcept.class).forEach(c -> excluded.add(c.getText()));
        terser.getAllPopulatedChildElementsOfType(r, Identifier.class).stream()
                .filter(i -> !FhirSystems.NHS_NUMBER.equals(i.getSystem())).forEach(i -> excluded.add(i.getValue()));
        terser.getAllPopulatedChildElementsOfType(r, Reference.class).forEach(ref -> excluded.add(ref.getReference()));
        excluded.add(contactPointId);
        if (r instanceof CareTeam team) {
            excluded.add(team.getName());
        }
        return terser.getAllPopulatedChildElementsOfType(r, StringType.class).stream()
                .filter(v -> v.getClass() == StringType.class)
                .map(StringType::getValue)
                .filter(v -> !excluded.contains(v))
                .toList();
    }
}
