package uk.contactpoint.safeguards;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.RecordStatus;

/**
 * The one disclosure policy: what a given viewer may see of a given record. Every output of child data
 * (page, API, FHIR, export, notification) goes through {@link #apply}; nothing masks on its own.
 *
 * <ul>
 * <li>Archived and suppressed records are invisible.</li>
 * <li>A shielded record shows name, gender, date of birth, ContactPoint ID and the carers' names, except to
 * the management team of the responsible LA, who see everything in order to broker contact.</li>
 * <li>A sensitive involvement shows only that a sensitive service is involved, except to the LA management
 * team and to the service's own staff (their own entry).</li>
 * <li>A source identifier shows only to users of the body that allocated it.</li>
 * </ul>
 */
@Component
public class DisclosurePolicy {

    private final Clock clock;

    DisclosurePolicy(Clock clock) {
        this.clock = clock;
    }

    public Optional<DisclosedChild> apply(ChildRecord child, Viewer viewer) {
        if (child.status() != RecordStatus.LIVE) {
            return Optional.empty();
        }
        boolean laTeam = viewer.onManagementTeamOf(child.responsibleLa().code().value());
        boolean restricted = child.shielded() && !laTeam;
        LocalDate today = LocalDate.now(clock);
        if (restricted) {
            return Optional.of(new DisclosedChild(child.id(), child.contactPointId(), child.name(), List.of(),
                    child.dateOfBirth(), child.gender(), true, null, null, null, null, null, null,
                    child.carers().stream().map(c -> new DisclosedCarer(c.name(), null, null, null, null, null)).toList(),
                    List.of(), List.of(), List.of()));
        }
        return Optional.of(new DisclosedChild(child.id(), child.contactPointId(), child.name(), child.otherNames(),
                child.dateOfBirth(), child.gender(), false, child.whereabouts(), child.address(), child.dateOfDeath(),
                child.educationStatus(), child.responsibleLa().name(), child.responsibleLa().emergencyDutyPhone(),
                child.carers().stream().map(c -> new DisclosedCarer(c.name(), c.relationship(),
                        c.parentalResponsibility(), c.address(), c.phone(), c.email())).toList(),
                child.settings().stream().filter(s -> s.current(today)).toList(),
                child.involvements().stream().filter(i -> i.current(today)).map(i -> involvement(i, viewer, laTeam)).toList(),
                child.identifiers().stream().filter(id -> viewer.allocatingBodies().contains(id.allocatingBody())).toList()));
    }

    private static DisclosedInvolvement involvement(Involvement i, Viewer viewer, boolean laTeam) {
        boolean ownEntry = i.organisation().id() == viewer.organisationId();
        if (i.sensitive() && !laTeam && !ownEntry) {
            return DisclosedInvolvement.maskedEntry();
        }
        return new DisclosedInvolvement(false, i.serviceType(), i.organisation(), i.practitionerName(), i.teamName(),
                i.role(), i.phone(), i.email(), i.startDate(), i.endDate(), i.leadProfessional(), i.cafHolder());
    }
}
