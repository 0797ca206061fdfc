package uk.contactpoint.directory;

import java.time.LocalDate;
import java.util.List;

/** A child record to add to the directory, with everything attached to it and the source of its values. */
public record NewChild(ContactPointId contactPointId, PersonName name, List<OtherName> otherNames,
                       LocalDate dateOfBirth, Gender gender, Whereabouts whereabouts, Address address,
                       LocalDate dateOfDeath, EducationStatus educationStatus, LocalAuthorityCode responsibleLa,
                       boolean shielded, List<NewCarer> carers, List<NewSetting> settings,
                       List<NewInvolvement> involvements, List<SourceIdentifier> identifiers,
                       String source, LocalDate asOf) {

    public NewChild {
        otherNames = List.copyOf(otherNames);
        carers = List.copyOf(carers);
        settings = List.copyOf(settings);
        involvements = List.copyOf(involvements);
        identifiers = List.copyOf(identifiers);
        if (whereabouts.hasAddress() && address == null) {
            throw new InvalidValueException("Address", "is required when the whereabouts is " + whereabouts.label().toLowerCase());
        }
        if (!whereabouts.hasAddress() && address != null) {
            throw new InvalidValueException("Address", "must be empty when the whereabouts is " + whereabouts.label().toLowerCase());
        }
    }

    public record NewCarer(PersonName name, Relationship relationship, boolean parentalResponsibility,
                           boolean hasCare, Address address, String phone, String email) {
    }

    public record NewSetting(Setting.Kind kind, long organisationId, LocalDate startDate, LocalDate endDate) {
    }

    public record NewInvolvement(ServiceType serviceType, long organisationId, String practitionerName,
                                 String teamName, String role, String phone, String email, LocalDate startDate,
                                 LocalDate endDate, boolean leadProfessional, boolean cafHolder) {

        public NewInvolvement {
            if ((practitionerName == null || practitionerName.isBlank()) && (teamName == null || teamName.isBlank())) {
                throw new InvalidValueException("Practitioner or team", "give a practitioner name or a team name");
            }
        }
    }

    @Override
    public String toString() {
        return "NewChild[la=" + responsibleLa + ", source=" + source + "]";
    }
}
