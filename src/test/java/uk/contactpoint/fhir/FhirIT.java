package uk.contactpoint.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.SourceIdentifier;

/**
 * The FHIR facade over HTTP, as a signed-in practitioner: what it serves validates against base R4, its
 * CapabilityStatement lists exactly what the providers serve, searches and reads follow the web's rules (minimum
 * criteria, reason for access, shielded identity only, sensitive services masked, NHS number for NHS staff only),
 * every search and read is audited, and bad requests get an OperationOutcome with a 4xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FhirIT {

    static final String REASON = "Working with this child: checking who else is involved";
    static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    static final String MASKED_TEXT = "A sensitive service is involved: contact the local ContactPoint team";

    @LocalServerPort
    int port;
    @Autowired
    private uk.contactpoint.access.ApiClients apiClients;

    @Autowired
    TestFixtures fixtures;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    Directory directory;
    @Autowired
    AuditLog audit;
    @Autowired
    RestfulServer server;

    private String family;
    private final LocalDate born = LocalDate.of(2012, 5, 17);

    @BeforeEach
    void leedsIsLive() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        // Random letters throughout: names sharing a prefix would match each other in the fuzzy search.
        StringBuilder s = new StringBuilder("Q");
        for (int i = 0; i < 11; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        family = s.toString();
    }

    private FhirClient practitioner(Sector sector) {
        long org = fixtures.organisation(OrganisationKind.SERVICE, sector, "FHIR test " + sector);
        return FhirClient.signedIn(port, fixtures, apiClients, fixtures.user(Set.of(Role.PRACTITIONER), org, false));
    }

    private TestFixtures.Child child(boolean shielded) {
        return fixtures.child("Zebedee", family, born, "LS6 2AB", shielded);
    }

    private String byName() {
        return "/fhir/Patient?family=" + family + "&birthdate=" + born;
    }

    @Test
    void capabilityStatementIsPublicValidAndListsExactlyTheResourcesAndSearchParametersServed() throws Exception {
        FhirClient.Answer answer = FhirClient.anonymous(port).get("/fhir/metadata");
        assertThat(answer.status()).isEqualTo(200);
        CapabilityStatement cs = answer.resource(CapabilityStatement.class);
        R4Validation.assertValid(cs);
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getRest()).hasSize(1);
        assertThat(cs.getRestFirstRep().getSecurity().getDescription()).contains(FhirSystems.REASON_HEADER);

        Map<String, Set<String>> served = new TreeMap<>();
        Map<String, Set<String>> interactions = new TreeMap<>();
        for (Object provider : server.getResourceProviders()) {
            String type = ((IResourceProvider) provider).getResourceType().getSimpleName();
            Set<String> params = served.computeIfAbsent(type, t -> new TreeSet<>());
            Set<String> kinds = interactions.computeIfAbsent(type, t -> new TreeSet<>());
            for (Method m : provider.getClass().getMethods()) {
                if (m.isAnnotationPresent(Read.class)) {
                    kinds.add("read");
                }
                if (m.isAnnotationPresent(Search.class)) {
                    kinds.add("search-type");
                    for (Parameter p : m.getParameters()) {
                        if (p.isAnnotationPresent(RequiredParam.class)) {
                            params.add(p.getAnnotation(RequiredParam.class).name());
                        }
                        if (p.isAnnotationPresent(OptionalParam.class)) {
                            params.add(p.getAnnotation(OptionalParam.class).name());
                        }
                    }
                }
            }
        }
        assertThat(served.keySet()).as("what the providers serve").containsExactly("CareTeam", "Patient", "RelatedPerson");

        Map<String, Set<String>> listed = new TreeMap<>();
        Map<String, Set<String>> listedInteractions = new TreeMap<>();
        for (CapabilityStatement.CapabilityStatementRestResourceComponent r : cs.getRestFirstRep().getResource()) {
            listed.put(r.getType(), new TreeSet<>(r.getSearchParam().stream()
                    .map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName).toList()));
            listedInteractions.put(r.getType(), new TreeSet<>(r.getInteraction().stream().map(i -> i.getCode().toCode()).toList()));
        }
        assertThat(listed).isEqualTo(served);
        assertThat(listedInteractions).isEqualTo(interactions);
        assertThat(listed.get("Patient")).containsExactlyInAnyOrder("family", "birthdate", "given", "address-postalcode", "identifier");
    }

    @Test
    void nobodySignedInGetsNoChildData() {
        TestFixtures.Child open = child(false);
        FhirClient anonymous = FhirClient.anonymous(port);
        for (String path : List.of(byName(), "/fhir/Patient/" + open.contactPointId().value(),
                "/fhir/CareTeam/" + open.contactPointId().value())) {
            FhirClient.Answer answer = anonymous.get(path, REASON);
            assertThat(answer.status()).as(path).isIn(302, 401);
            assertThat(answer.body()).as(path).doesNotContain(family);
        }
    }

    @Test
    void searchByFamilyNameAndBirthDateAnswersAsTheWebSearchDoesAndIsAudited() {
        TestFixtures.Child open = child(false);
        TestFixtures.Child shielded = child(true);
        FhirClient fhir = practitioner(Sector.SOCIAL_CARE);

        FhirClient.Answer answer = fhir.get(byName());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Bundle bundle = answer.resource(Bundle.class);
        R4Validation.assertValid(bundle);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        Map<String, Patient> found = patients(bundle);
        assertThat(found).containsOnlyKeys(open.contactPointId().value(), shielded.contactPointId().value());

        Patient row = found.get(open.contactPointId().value());
        R4Validation.assertValid(row);
        assertThat(row.getMeta().getTag(OBSERVATION_VALUE, "SUBSETTED")).isNotNull();
        assertThat(row.getNameFirstRep().getText()).isEqualTo("Zebedee " + family);
        assertThat(row.getBirthDateElement().getValueAsString()).isEqualTo(born.toString());
        assertThat(row.getAddressFirstRep().getPostalCode()).isEqualTo("LS6");
        assertThat(row.getManagingOrganization().getDisplay()).isEqualTo("Leeds");
        assertThat(row.getIdentifier()).extracting(Identifier::getSystem).containsExactly(FhirSystems.CONTACTPOINT_ID);

        Patient restricted = found.get(shielded.contactPointId().value());
        R4Validation.assertValid(restricted);
        assertThat(restricted.getMeta().getSecurity()).extracting(Coding::getCode).containsExactly("R");
        assertThat(restricted.hasAddress()).isFalse();
        assertThat(restricted.hasManagingOrganization()).isFalse();
        assertThat(answer.body()).doesNotContain("7 Quarry Street").doesNotContain("LS6 2AB");

        // Posted to _search, the criteria stay out of the URL; the answer is the same.
        FhirClient.Answer posted = fhir.postSearch("Patient", Map.of("family", family, "birthdate", born.toString()), null);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(patients(posted.resource(Bundle.class)).keySet()).isEqualTo(found.keySet());

        List<AuditEvent> searches = audit.eventsFor(open.id()).stream().filter(e -> e.action() == AuditAction.SEARCH).toList();
        assertThat(searches).hasSize(2).allSatisfy(e -> assertThat(e.detail()).contains("fields=family,dob").contains("results=2"));
        assertThat(audit.eventsFor(shielded.id())).filteredOn(e -> e.action() == AuditAction.SEARCH).hasSize(2);
    }

    @Test
    void searchesThatTheWebWouldRefuseAreRefusedWithAnOperationOutcome() {
        for (int i = 0; i < 11; i++) {
            child(false);
        }
        FhirClient fhir = practitioner(Sector.SOCIAL_CARE);
        Map<String, Integer> refused = new TreeMap<>();
        refused.put(byName(), 400); // too many: add detail
        refused.put("/fhir/Patient?family=" + family, 400); // minimum criteria: a birth date too
        refused.put("/fhir/Patient?birthdate=" + born, 400);
        refused.put("/fhir/Patient?given=Zebedee", 400);
        refused.put("/fhir/Patient", 400); // never browse
        refused.put(byName() + "&colour=blue", 400); // unknown parameter
        refused.put(byName() + "&_sort=family", 400);
        refused.put("/fhir/Patient?family:exact=" + family + "&birthdate=" + born, 400);
        refused.put("/fhir/Patient?family=" + family + "&birthdate=ge" + born, 400);
        refused.put("/fhir/Patient?family=" + family + "&birthdate=2012-05", 400);
        refused.put("/fhir/Patient?family=" + family + "&birthdate=yesterday", 400);
        refused.put("/fhir/Patient?family=" + family + "&birthdate=" + LocalDate.now().plusDays(3), 400);
        refused.put("/fhir/Patient?identifier=" + FhirSystems.NHS_NUMBER + "|9990000026", 403); // NHS staff only
        refused.put("/fhir/Patient?identifier=9990000026", 400); // no system
        refused.put("/fhir/Patient?identifier=urn:other|123", 400);
        refused.put("/fhir/Observation?code=x", 404); // not served
        refused.put("/fhir/OperationDefinition/x", 404);
        refused.put("/fhir/Patient/123/_history", 400);
        for (Map.Entry<String, Integer> r : refused.entrySet()) {
            FhirClient.Answer answer = fhir.get(r.getKey());
            assertThat(answer.status()).as(r.getKey() + " -> " + answer.body()).isEqualTo(r.getValue());
            OperationOutcome outcome = answer.resource(OperationOutcome.class);
            R4Validation.assertValid(outcome);
            assertThat(outcome.getIssueFirstRep().getSeverity()).as(r.getKey()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(answer.body()).as(r.getKey()).doesNotContain("Zebedee");
        }
        assertThat(fhir.get(byName()).resource(OperationOutcome.class).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
    }

    @Test
    void aRecordIsReadWithAReasonAndShowsWhatTheRecordPageShows() {
        TestFixtures.Child open = child(false);
        String id = open.contactPointId().value();
        FhirClient fhir = practitioner(Sector.SOCIAL_CARE);

        FhirClient.Answer read = fhir.get("/fhir/Patient/" + id, REASON);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        Patient patient = read.resource(Patient.class);
        R4Validation.assertValid(patient);
        assertThat(patient.getIdPart()).isEqualTo(id);
        assertThat(patient.getMeta().hasSecurity()).isFalse();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(family);
        assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Zebedee");
        assertThat(patient.getAddressFirstRep().getLine().get(0).getValue()).isEqualTo("7 Quarry Street");
        assertThat(patient.getAddressFirstRep().getPostalCode()).isEqualTo("LS6 2AB");
        assertThat(patient.getIdentifier()).extracting(Identifier::getSystem).containsExactly(FhirSystems.CONTACTPOINT_ID);
        assertThat(patient.getManagingOrganization().getDisplay()).isEqualTo("Leeds");
        assertThat(read.body()).contains("0113 496 0999"); // the emergency duty team, as the page shows

        FhirClient.Answer people = fhir.get("/fhir/RelatedPerson?patient=Patient/" + id, REASON);
        assertThat(people.status()).as(people.body()).isEqualTo(200);
        Bundle carers = people.resource(Bundle.class);
        R4Validation.assertValid(carers);
        assertThat(carers.getEntry()).hasSize(1);
        RelatedPerson mother = (RelatedPerson) carers.getEntryFirstRep().getResource();
        R4Validation.assertValid(mother);
        assertThat(mother.getIdPart()).isEqualTo(id + "-1");
        assertThat(mother.getPatient().getReference()).isEqualTo("Patient/" + id);
        assertThat(mother.getNameFirstRep().getText()).isEqualTo("Xanthe " + family);
        assertThat(mother.getRelationship()).flatExtracting(c -> c.getCoding()).extracting(Coding::getCode).contains("MTH", "parental-responsibility");
        assertThat(mother.getTelecom()).extracting(ContactPoint::getValue).containsExactlyInAnyOrder("07700 900777", "xanthe@example.org");
        RelatedPerson again = fhir.get("/fhir/RelatedPerson/" + id + "-1", REASON).resource(RelatedPerson.class);
        assertThat(again.getNameFirstRep().getText()).isEqualTo(mother.getNameFirstRep().getText());
        assertThat(fhir.get("/fhir/RelatedPerson/" + id + "-2", REASON).status()).isEqualTo(404);

        FhirClient.Answer teamAnswer = fhir.get("/fhir/CareTeam/" + id, REASON);
        assertThat(teamAnswer.status()).as(teamAnswer.body()).isEqualTo(200);
        CareTeam team = teamAnswer.resource(CareTeam.class);
        R4Validation.assertValid(team);
        assertThat(team.getSubject().getReference()).isEqualTo("Patient/" + id);
        List<String> roles = new ArrayList<>();
        team.getParticipant().forEach(p -> p.getRole().forEach(r -> roles.add(r.getText())));
        assertThat(roles).contains("Children's social care", "Lead professional", MASKED_TEXT, "Education setting");
        CareTeam.CareTeamParticipantComponent lead = team.getParticipant().stream()
                .filter(p -> p.getRole().stream().anyMatch(r -> r.hasCoding(FhirSystems.CARE_ROLE, "lead-professional")))
                .findFirst().orElseThrow();
        assertThat(lead.getMember().getDisplay()).isEqualTo("Sam Social");
        PractitionerRole role = (PractitionerRole) team.getContained().stream()
                .filter(r -> ("#" + r.getIdPart()).equals(lead.getMember().getReference()) || r.getId().equals(lead.getMember().getReference()))
                .findFirst().orElseThrow();
        assertThat(role.getTelecom()).extracting(ContactPoint::getValue).contains("0113 496 0100", "sam@example.org");
        CareTeam.CareTeamParticipantComponent masked = team.getParticipant().stream()
                .filter(p -> p.getRole().stream().anyMatch(r -> r.hasCoding(FhirSystems.CARE_ROLE, "sensitive-service-masked")))
                .findFirst().orElseThrow();
        assertThat(masked.hasMember()).isFalse();
        assertThat(masked.hasPeriod()).isFalse();
        assertThat(teamAnswer.body()).doesNotContain("Nurse Confidential").doesNotContain("Sexual Health")
                .doesNotContain("Sexual health").doesNotContain("clinic@example.org").doesNotContain("0113 496 0200");
        CareTeam bySearch = (CareTeam) fhir.get("/fhir/CareTeam?patient=" + id, REASON).resource(Bundle.class).getEntryFirstRep().getResource();
        assertThat(bySearch.getParticipant()).hasSameSizeAs(team.getParticipant());

        List<AuditEvent> views = audit.eventsFor(open.id()).stream().filter(e -> e.action() == AuditAction.RECORD_VIEW).toList();
        assertThat(views).hasSize(6).allSatisfy(e -> assertThat(e.reason()).isEqualTo(REASON));
    }

    @Test
    void aReadWithoutAReasonOrWithABadIdIsRefusedAndOpensNothing() {
        TestFixtures.Child open = child(false);
        String id = open.contactPointId().value();
        FhirClient fhir = practitioner(Sector.SOCIAL_CARE);
        String unknown = ContactPointId.generate(ThreadLocalRandom.current()).value();
        Map<String, Integer> refused = new TreeMap<>();
        refused.put("/fhir/Patient/" + id, 400);
        refused.put("/fhir/CareTeam/" + id, 400);
        refused.put("/fhir/RelatedPerson/" + id + "-1", 400);
        refused.put("/fhir/RelatedPerson?patient=" + id, 400);
        refused.put("/fhir/CareTeam?patient=Patient/" + id, 400);
        refused.put("/fhir/Patient?identifier=" + FhirSystems.CONTACTPOINT_ID + "|" + id, 400);
        for (Map.Entry<String, Integer> r : refused.entrySet()) {
            FhirClient.Answer answer = fhir.get(r.getKey());
            assertThat(answer.status()).as(r.getKey()).isEqualTo(r.getValue());
            assertThat(answer.resource(OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains(FhirSystems.REASON_HEADER);
            assertThat(answer.body()).doesNotContain(family);
        }
        assertThat(fhir.get("/fhir/Patient/" + id, " ").status()).isEqualTo(400);
        assertThat(fhir.get("/fhir/Patient/" + id, "x".repeat(201)).status()).isEqualTo(400);
        assertThat(audit.eventsFor(open.id())).noneMatch(e -> e.action() == AuditAction.RECORD_VIEW);

        Map<String, Integer> bad = new TreeMap<>();
        bad.put("/fhir/Patient/123456789012", 400); // check digit wrong (or not): never read as another child
        bad.put("/fhir/Patient/" + unknown, 404);
        bad.put("/fhir/RelatedPerson/" + id, 400);
        bad.put("/fhir/RelatedPerson/" + id + "-0", 400);
        bad.put("/fhir/Patient/" + id + "?colour=blue", 400);
        bad.put("/fhir/RelatedPerson?patient=Observation/" + id, 400);
        bad.put("/fhir/RelatedPerson?patient.name=" + family, 400);
        for (Map.Entry<String, Integer> r : bad.entrySet()) {
            FhirClient.Answer answer = fhir.get(r.getKey(), REASON);
            if (r.getKey().equals("/fhir/Patient/123456789012") && answer.status() == 404) {
                continue; // 123456789012 happens to carry a valid check digit: then it is simply not found
            }
            assertThat(answer.status()).as(r.getKey() + " -> " + answer.body()).isEqualTo(r.getValue());
            R4Validation.assertValid(answer.resource(OperationOutcome.class));
            assertThat(answer.body()).doesNotContain(family);
        }
        FhirClient.Answer byId = fhir.get("/fhir/Patient?identifier=" + FhirSystems.CONTACTPOINT_ID + "|" + id, REASON);
        assertThat(byId.status()).isEqualTo(200);
        Bundle one = byId.resource(Bundle.class);
        assertThat(one.getEntry()).hasSize(1);
        assertThat(((Patient) one.getEntryFirstRep().getResource()).getAddressFirstRep().getPostalCode()).isEqualTo("LS6 2AB");
    }

    @Test
    void aShieldedRecordShowsIdentityAndCarersNamesOnly() {
        TestFixtures.Child shielded = child(true);
        String id = shielded.contactPointId().value();
        FhirClient nhs = practitioner(Sector.HEALTH);
        List<Resource> shown = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/fhir/Patient/" + id, "/fhir/RelatedPerson/" + id + "-1", "/fhir/CareTeam/" + id)) {
            FhirClient.Answer answer = nhs.get(path, REASON);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
            Resource resource = (Resource) answer.resource();
            R4Validation.assertValid(resource);
            assertThat(resource.getMeta().getSecurity()).extracting(Coding::getCode).containsExactly("R");
            shown.add(resource);
            bodies.add(answer.body());
        }
        Patient patient = (Patient) shown.get(0);
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(family);
        assertThat(patient.getGender()).isNotNull();
        assertThat(patient.hasBirthDate()).isTrue();
        assertThat(patient.getIdentifier()).extracting(Identifier::getSystem).containsExactly(FhirSystems.CONTACTPOINT_ID);
        assertThat(patient.hasAddress() || patient.hasManagingOrganization() || patient.hasGeneralPractitioner()
                || patient.hasExtension()).isFalse();
        RelatedPerson carer = (RelatedPerson) shown.get(1);
        assertThat(carer.getNameFirstRep().getText()).isEqualTo("Xanthe " + family);
        assertThat(carer.hasTelecom() || carer.hasAddress() || carer.hasRelationship()).isFalse();
        CareTeam team = (CareTeam) shown.get(2);
        assertThat(team.getParticipant()).isEmpty();
        assertThat(team.hasManagingOrganization()).isFalse();
        String all = String.join("\n", bodies);
        for (String hidden : List.of("7 Quarry Street", "LS6", "07700 900777", "xanthe@example.org", "Sam Social",
                "Test Primary School", "Nurse Confidential", "Leeds", "nhs-number")) {
            assertThat(all).as("a shielded record must not show " + hidden).doesNotContain(hidden);
        }
    }

    @Test
    void theNhsNumberIsShownToAndSearchableByNhsStaffOnly() {
        TestFixtures.Child open = child(false);
        String id = open.contactPointId().value();
        String nhsNumber = directory.find(open.contactPointId()).orElseThrow().identifiers().stream()
                .filter(i -> i.scheme() == SourceIdentifier.Scheme.NHS_NUMBER).findFirst().orElseThrow().value();
        FhirClient nhs = practitioner(Sector.HEALTH);
        FhirClient social = practitioner(Sector.SOCIAL_CARE);

        Patient toNhs = nhs.get("/fhir/Patient/" + id, REASON).resource(Patient.class);
        R4Validation.assertValid(toNhs);
        assertThat(toNhs.getIdentifier()).filteredOn(i -> FhirSystems.NHS_NUMBER.equals(i.getSystem()))
                .extracting(Identifier::getValue).containsExactly(nhsNumber);
        FhirClient.Answer toSocial = social.get("/fhir/Patient/" + id, REASON);
        assertThat(toSocial.resource(Patient.class).getIdentifier()).extracting(Identifier::getSystem)
                .containsExactly(FhirSystems.CONTACTPOINT_ID);
        assertThat(toSocial.body()).doesNotContain(nhsNumber);

        String byNhsNumber = "/fhir/Patient?identifier=" + FhirSystems.NHS_NUMBER + "|" + nhsNumber;
        FhirClient.Answer found = nhs.get(byNhsNumber);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(patients(found.resource(Bundle.class))).containsOnlyKeys(id);
        FhirClient.Answer refused = social.get(byNhsNumber);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(family);
        assertThat(audit.eventsFor(open.id())).filteredOn(e -> e.action() == AuditAction.SEARCH)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("fields=nhs"));
    }

    private static Map<String, Patient> patients(Bundle bundle) {
        Map<String, Patient> found = new TreeMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Patient p = (Patient) e.getResource();
            found.put(p.getIdPart(), p);
        }
        return found;
    }
}
