package uk.contactpoint.fhir.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.fhir.FhirSystems;
import uk.contactpoint.safeguards.ChildSearches;
import uk.contactpoint.safeguards.DisclosedCarer;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosedInvolvement;

/**
 * Translates what the disclosure policy lets a viewer see ({@link DisclosedChild}, {@link ChildSearches.Row}) into
 * FHIR R4 resources. It decides nothing about disclosure: every value it writes is one the policy handed it, and
 * what the policy left null or empty stays out. A restricted record is labelled with the v3 confidentiality code
 * R; a search result, which holds only what a result list shows, is labelled SUBSETTED.
 */
final class FhirResources {

    static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    /** What a masked involvement says, in place of the service and its people (the web page's words). */
    static final String MASKED_TEXT = DisclosedInvolvement.MASKED_LABEL + ": contact the local ContactPoint team";

    private FhirResources() {
    }

    /** A search result: the row's identity, and its postcode district and LA unless they read "restricted". */
    static Patient patient(ChildSearches.Row row) {
        Patient p = new Patient();
        p.setId(row.contactPointId().value());
        p.getMeta().addTag(OBSERVATION_VALUE, "SUBSETTED", "subsetted");
        if (row.restricted()) {
            p.getMeta().addSecurity(CONFIDENTIALITY, "R", "restricted");
        }
        p.addIdentifier(contactPointId(row.contactPointId()));
        p.addName().setUse(HumanName.NameUse.OFFICIAL).setText(row.name());
        p.setGender(gender(row.gender()));
        p.setBirthDateElement(date(row.dateOfBirth()));
        if (!row.restricted()) {
            if (row.postcodeDistrict() != null && !"not known".equals(row.postcodeDistrict())) {
                p.addAddress().setPostalCode(row.postcodeDistrict()).setText("Postcode district " + row.postcodeDistrict());
            }
            if (row.localAuthority() != null) {
                p.setManagingOrganization(new Reference().setDisplay(row.localAuthority()));
            }
        }
        return p;
    }

    /** The child as the viewer may see them. */
    static Patient patient(DisclosedChild c) {
        Patient p = new Patient();
        p.setId(c.contactPointId().value());
        if (c.restricted()) {
            p.getMeta().addSecurity(CONFIDENTIALITY, "R", "restricted");
        }
        p.setActive(true);
        p.addIdentifier(contactPointId(c.contactPointId()));
        for (SourceIdentifier id : c.identifiers()) {
            p.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.SECONDARY).setSystem(system(id)).setValue(id.value()));
        }
        p.addName(name(c.name()).setUse(HumanName.NameUse.OFFICIAL));
        for (OtherName other : c.otherNames()) {
            p.addName(name(new PersonName(other.given(), null, other.family()))
                    .setUse(other.kind() == OtherName.Kind.FORMER ? HumanName.NameUse.OLD : HumanName.NameUse.NICKNAME));
        }
        p.setGender(gender(c.gender()));
        p.setBirthDateElement(date(c.dateOfBirth()));
        if (c.dateOfDeath() != null) {
            p.setDeceased(dateTime(c.dateOfDeath()));
        }
        if (c.whereabouts() != null) {
            p.addExtension(FhirSystems.WHEREABOUTS_EXTENSION, new CodeableConcept(new Coding(FhirSystems.WHEREABOUTS,
                    code(c.whereabouts().name()), c.whereabouts().label())).setText(c.whereabouts().label()));
        }
        if (c.address() != null) {
            p.addAddress(address(c.address()).setUse(Address.AddressUse.HOME));
        }
        for (Setting s : c.settings()) {
            if (s.kind() == Setting.Kind.PRIMARY_CARE && s.organisation() != null) {
                p.addGeneralPractitioner(new Reference().setDisplay(s.organisation().name())
                        .setIdentifier(organisationIdentifier(s.organisation())));
            }
        }
        if (c.localAuthorityName() != null) {
            Organization la = localAuthority(c);
            p.addContained(la);
            p.setManagingOrganization(new Reference("#" + la.getIdPart()).setDisplay(la.getName()));
        }
        return p;
    }

    /** The child's parents and carers, numbered from 1 in the record's order: {@code RelatedPerson/{ID}-{n}}. */
    static List<RelatedPerson> relatedPeople(DisclosedChild c) {
        List<RelatedPerson> people = new ArrayList<>();
        for (int i = 0; i < c.carers().size(); i++) {
            people.add(relatedPerson(c, i));
        }
        return people;
    }

    static String relatedPersonId(ContactPointId child, int index) {
        return child.value() + "-" + (index + 1);
    }

    static RelatedPerson relatedPerson(DisclosedChild c, int index) {
        DisclosedCarer carer = c.carers().get(index);
        RelatedPerson r = new RelatedPerson();
        r.setId(relatedPersonId(c.contactPointId(), index));
        if (c.restricted()) {
            r.getMeta().addSecurity(CONFIDENTIALITY, "R", "restricted");
        }
        r.setActive(true);
        r.setPatient(patientReference(c));
        r.addName(name(carer.name()));
        if (carer.relationship() != null) {
            r.addRelationship(relationship(carer.relationship()));
        }
        if (Boolean.TRUE.equals(carer.parentalResponsibility())) {
            r.addRelationship(new CodeableConcept(new Coding(FhirSystems.RELATIONSHIP, "parental-responsibility",
                    "Has parental responsibility")).setText("Has parental responsibility"));
        }
        if (carer.phone() != null) {
            r.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(carer.phone()));
        }
        if (carer.email() != null) {
            r.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(carer.email()));
        }
        if (carer.address() != null) {
            r.addAddress(address(carer.address()).setUse(Address.AddressUse.HOME));
        }
        return r;
    }

    /**
     * Who is working with the child: each current involvement (a masked one as "a sensitive service is involved"
     * and nothing else), the ended ones with their end date, and the school and GP practice. The lead professional
     * and the CAF holder carry the care-role codes {@code lead-professional} and {@code caf-holder}.
     */
    static CareTeam careTeam(DisclosedChild c) {
        CareTeam team = new CareTeam();
        team.setId(c.contactPointId().value());
        if (c.restricted()) {
            team.getMeta().addSecurity(CONFIDENTIALITY, "R", "restricted");
        }
        team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
        team.setName("Practitioners and services working with " + c.name().full());
        team.setSubject(patientReference(c));
        int n = 0;
        if (c.restricted()) {
            // A restricted record lists only the viewer's own entries, by service and team alone, as its page does.
            for (DisclosedInvolvement i : c.involvements()) {
                team.addParticipant(restrictedParticipant(team, i, ++n));
            }
            return team;
        }
        for (DisclosedInvolvement i : c.involvements()) {
            team.addParticipant(participant(team, i, ++n));
        }
        for (DisclosedInvolvement i : c.endedInvolvements()) {
            team.addParticipant(participant(team, i, ++n));
        }
        for (Setting s : c.settings()) {
            if (s.organisation() == null) {
                continue;
            }
            boolean school = s.kind() == Setting.Kind.EDUCATION;
            Organization org = organisation(s.organisation(), "set" + (++n));
            team.addContained(org);
            team.addParticipant().addRole(careRole(school ? "education-setting" : "gp-practice",
                            school ? "Education setting" : "GP practice"))
                    .setMember(new Reference("#" + org.getIdPart()).setDisplay(org.getName()))
                    .setPeriod(period(s.startDate(), s.endDate()));
        }
        if (c.localAuthorityName() != null) {
            Organization la = localAuthority(c);
            team.addContained(la);
            team.addManagingOrganization(new Reference("#" + la.getIdPart()).setDisplay(la.getName()));
        }
        return team;
    }

    private static CareTeam.CareTeamParticipantComponent restrictedParticipant(CareTeam team, DisclosedInvolvement i, int n) {
        CareTeam.CareTeamParticipantComponent p = new CareTeam.CareTeamParticipantComponent();
        if (i.masked() || i.serviceType() == null) {
            return p.addRole(careRole("sensitive-service-masked", DisclosedInvolvement.MASKED_LABEL).setText(MASKED_TEXT));
        }
        p.addRole(new CodeableConcept(new Coding(FhirSystems.SERVICE_TYPE, code(i.serviceType().name()), i.serviceType().label()))
                .setText(i.serviceType().label()));
        if (i.teamName() != null) {
            PractitionerRole role = new PractitionerRole();
            role.setId("inv" + n);
            role.addHealthcareService(new Reference().setDisplay(i.teamName()));
            team.addContained(role);
            p.setMember(new Reference("#" + role.getIdPart()).setDisplay(i.teamName()));
        }
        return p;
    }

    private static CareTeam.CareTeamParticipantComponent participant(CareTeam team, DisclosedInvolvement i, int n) {
        CareTeam.CareTeamParticipantComponent p = new CareTeam.CareTeamParticipantComponent();
        if (i.masked()) {
            return p.addRole(careRole("sensitive-service-masked", DisclosedInvolvement.MASKED_LABEL).setText(MASKED_TEXT));
        }
        p.addRole(new CodeableConcept(new Coding(FhirSystems.SERVICE_TYPE, code(i.serviceType().name()), i.serviceType().label()))
                .setText(i.serviceType().label()));
        if (i.leadProfessional()) {
            p.addRole(careRole("lead-professional", "Lead professional"));
        }
        if (i.cafHolder()) {
            p.addRole(careRole("caf-holder", "CAF holder"));
        }
        PractitionerRole role = new PractitionerRole();
        role.setId("inv" + n);
        if (i.practitionerName() != null) {
            role.setPractitioner(new Reference().setDisplay(i.practitionerName()));
        }
        if (i.organisation() != null) {
            role.setOrganization(new Reference().setDisplay(i.organisation().name())
                    .setIdentifier(organisationIdentifier(i.organisation())));
        }
        if (i.teamName() != null) {
            role.addHealthcareService(new Reference().setDisplay(i.teamName()));
        }
        if (i.role() != null) {
            role.addCode(new CodeableConcept().setText(i.role()));
        }
        if (i.phone() != null) {
            role.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(i.phone()));
        }
        if (i.email() != null) {
            role.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(i.email()));
        }
        team.addContained(role);
        String who = i.practitionerName() != null ? i.practitionerName() : i.teamName() != null ? i.teamName()
                : i.organisation() != null ? i.organisation().name() : null;
        p.setMember(new Reference("#" + role.getIdPart()).setDisplay(who));
        p.setPeriod(period(i.startDate(), i.endDate()));
        return p;
    }

    private static Organization localAuthority(DisclosedChild c) {
        Organization la = new Organization();
        la.setId("la");
        la.setName(c.localAuthorityName());
        if (c.contactPointTeamPhone() != null) {
            la.addContact().setPurpose(new CodeableConcept().setText("ContactPoint team"))
                    .addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(c.contactPointTeamPhone()));
        }
        if (c.emergencyDutyPhone() != null) {
            la.addContact().setPurpose(new CodeableConcept().setText("Emergency duty team (out of office hours)"))
                    .addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(c.emergencyDutyPhone()));
        }
        return la;
    }

    private static Organization organisation(uk.contactpoint.directory.Organisation o, String id) {
        Organization org = new Organization();
        org.setId(id);
        org.setName(o.name());
        Identifier identifier = organisationIdentifier(o);
        if (identifier != null) {
            org.addIdentifier(identifier);
        }
        if (o.phone() != null) {
            org.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(o.phone()));
        }
        // Name, code and phone: what the record page shows of a school or GP practice.
        return org;
    }

    private static Identifier organisationIdentifier(uk.contactpoint.directory.Organisation o) {
        if (o.code() == null || o.code().isBlank()) {
            return null;
        }
        String system = switch (o.kind()) {
            case EDUCATION_SETTING -> FhirSystems.SCHOOL_URN;
            case GP_PRACTICE -> FhirSystems.ODS_CODE;
            default -> FhirSystems.ORGANISATION_CODE;
        };
        return new Identifier().setSystem(system).setValue(o.code());
    }

    private static Reference patientReference(DisclosedChild c) {
        return new Reference("Patient/" + c.contactPointId().value()).setDisplay(c.name().full());
    }

    private static CodeableConcept careRole(String code, String display) {
        return new CodeableConcept(new Coding(FhirSystems.CARE_ROLE, code, display)).setText(display);
    }

    /** The v3 RoleCode where one means the same, always with ContactPoint's own code and words. */
    private static CodeableConcept relationship(Relationship r) {
        CodeableConcept concept = new CodeableConcept().setText(r.label());
        String v3 = switch (r) {
            case MOTHER -> "MTH";
            case FATHER -> "FTH";
            case STEP_PARENT -> "STPPRN";
            case GRANDPARENT -> "GRPRN";
            case OTHER_RELATIVE -> "FAMMEMB";
            case FOSTER_CARER -> "PRNFOST";
            case SPECIAL_GUARDIAN -> "GUARD";
            case LOCAL_AUTHORITY, OTHER -> null;
        };
        if (v3 != null) {
            concept.addCoding(new Coding(ROLE_CODE, v3, null));
        }
        concept.addCoding(new Coding(FhirSystems.RELATIONSHIP, code(r.name()), r.label()));
        return concept;
    }

    private static String system(SourceIdentifier id) {
        return switch (id.scheme()) {
            case NHS_NUMBER -> FhirSystems.NHS_NUMBER;
            case UPN -> FhirSystems.UPN;
            case SUPPLIER_RECORD -> FhirSystems.SUPPLIER_RECORD + id.allocatingBody().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static Identifier contactPointId(ContactPointId id) {
        return new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(FhirSystems.CONTACTPOINT_ID).setValue(id.value());
    }

    private static HumanName name(PersonName n) {
        HumanName name = new HumanName().setFamily(n.family()).setText(n.full());
        if (n.given() != null && !n.given().isBlank()) {
            name.addGiven(n.given());
        }
        if (n.middle() != null && !n.middle().isBlank()) {
            Arrays.stream(n.middle().trim().split("\\s+")).forEach(name::addGiven);
        }
        return name;
    }

    private static Address address(uk.contactpoint.directory.Address a) {
        Address address = new Address().setType(Address.AddressType.PHYSICAL);
        if (a.line1() != null && !a.line1().isBlank()) {
            address.addLine(a.line1());
        }
        if (a.line2() != null && !a.line2().isBlank()) {
            address.addLine(a.line2());
        }
        if (a.town() != null && !a.town().isBlank()) {
            address.setCity(a.town());
        }
        if (a.postcode() != null) {
            address.setPostalCode(a.postcode().value());
        }
        return address;
    }

    private static Period period(LocalDate start, LocalDate end) {
        Period period = new Period();
        if (start != null) {
            period.setStartElement(dateTime(start));
        }
        if (end != null) {
            period.setEndElement(dateTime(end));
        }
        return period;
    }

    private static AdministrativeGender gender(Gender g) {
        return switch (g) {
            case FEMALE -> AdministrativeGender.FEMALE;
            case MALE -> AdministrativeGender.MALE;
            case NOT_SPECIFIED -> AdministrativeGender.UNKNOWN;
        };
    }

    /** A calendar date as written, whatever the JVM's time zone (a {@code java.util.Date} would shift it). */
    private static DateType date(LocalDate d) {
        return d == null ? null : new DateType(d.toString());
    }

    private static DateTimeType dateTime(LocalDate d) {
        return new DateTimeType(d.toString());
    }

    /** An enum name as a FHIR code: lower case, hyphens. */
    private static String code(String enumName) {
        return enumName.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
