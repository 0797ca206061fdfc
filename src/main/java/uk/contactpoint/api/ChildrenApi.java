package uk.contactpoint.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.safeguards.ChildRecords;
import uk.contactpoint.safeguards.ChildSearches;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosedInvolvement;
import uk.contactpoint.search.SearchCriteria;

/**
 * Find a child and read their record, for a practitioner through their CMS: the same minimum criteria, result
 * rules, disclosure policy, daily cap and audit as the web pages ({@link ChildSearches}, {@link ChildRecords}).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Children", description = "Search for a child and read their record (practitioners through a CMS)")
class ChildrenApi {

    static final int MAX_REASON = 200;

    private final ApiCallers callers;
    private final ChildSearches searches;
    private final ChildRecords records;

    ChildrenApi(ApiCallers callers, ChildSearches searches, ChildRecords records) {
        this.callers = callers;
        this.searches = searches;
        this.records = records;
    }

    /** What to search with: a family name and date of birth (with a given name or postcode to narrow), or an identifier. */
    record SearchRequest(String givenName, String familyName,
                         @Schema(description = "ISO date, yyyy-MM-dd", example = "2015-03-27") String dateOfBirth,
                         String postcode,
                         @Schema(description = "Health staff only") String nhsNumber,
                         @Schema(description = "Education staff only") String upn) {
    }

    record SearchResult(String contactPointId, String name, LocalDate dateOfBirth, String gender, String postcodeDistrict,
                        String localAuthority, boolean restricted) {
    }

    record SearchResponse(List<SearchResult> results) {
    }

    @PostMapping(path = "/searches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search for a child", description = "At most " + ChildSearches.MAX_RESULTS
            + " results; more possible matches give 422 too-many-matches (add detail). Audited with the practitioner and the client.")
    SearchResponse search(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = SearchRequest.class)))
                          @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        SearchRequest r = ApiJson.read(body, SearchRequest.class);
        ChildSearches.Answer answer = searches.search(viewer, criteria(r));
        if (answer instanceof ChildSearches.Found found) {
            return new SearchResponse(found.rows().stream().map(row -> new SearchResult(row.contactPointId().value(),
                    row.name(), row.dateOfBirth(), row.gender() == null ? null : row.gender().name(), row.postcodeDistrict(),
                    row.localAuthority(), row.restricted())).toList());
        }
        if (answer instanceof ChildSearches.NeedsDetail needs) {
            Map<String, String> errors = new LinkedHashMap<>();
            needs.problems().forEach((k, v) -> errors.put(k.startsWith("dateOfBirth") ? "dateOfBirth" : k, v));
            throw ApiProblem.invalid(errors);
        }
        if (answer instanceof ChildSearches.NotLive notLive) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "not-live", "Not yet available", notLive.message());
        }
        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "too-many-matches", "Too many possible matches",
                "Add more detail, such as the given name or the postcode");
    }

    /** The criteria in a request, or a 422 naming the date of birth when it is not a real date within the last 25 years. */
    static SearchCriteria criteria(SearchRequest r) {
        LocalDate dob = null;
        if (r.dateOfBirth() != null && !r.dateOfBirth().isBlank()) {
            try {
                dob = LocalDate.parse(r.dateOfBirth().strip());
            } catch (DateTimeException e) {
                throw ApiProblem.invalid(Map.of("dateOfBirth", "Date of birth must be a real date as yyyy-MM-dd"));
            }
            if (dob.isAfter(LocalDate.now()) || dob.isBefore(LocalDate.now().minusYears(25))) {
                throw ApiProblem.invalid(Map.of("dateOfBirth", "Date of birth must be in the past, and within the last 25 years"));
            }
        }
        return new SearchCriteria(r.givenName(), r.familyName(), dob, r.postcode(), r.nhsNumber(), r.upn());
    }

    record ViewRequest(@Schema(description = "Why the practitioner opens the record (audited)", maxLength = MAX_REASON) String reason) {
    }

    record Name(String given, String middle, String family) {
        static Name of(PersonName n) {
            return n == null ? null : new Name(n.given(), n.middle(), n.family());
        }
    }

    record PostalAddress(String line1, String line2, String town, String postcode) {
        static PostalAddress of(Address a) {
            return a == null ? null : new PostalAddress(a.line1(), a.line2(), a.town(), a.postcode() == null ? null : a.postcode().value());
        }
    }

    record OrganisationView(String kind, String code, String name, String phone, String email, PostalAddress address) {
        static OrganisationView of(Organisation o) {
            return o == null ? null : new OrganisationView(o.kind() == null ? null : o.kind().name(), o.code(), o.name(),
                    o.phone(), o.email(), PostalAddress.of(o.address()));
        }
    }

    record Carer(Name name, String relationship, Boolean parentalResponsibility, PostalAddress address, String phone, String email) {
    }

    record SettingView(String kind, OrganisationView organisation, LocalDate startDate, LocalDate endDate) {
    }

    record InvolvementView(long id, boolean masked, String description, String serviceType, OrganisationView organisation,
                           String practitionerName, String teamName, String role, String phone, String email,
                           LocalDate startDate, LocalDate endDate, boolean leadProfessional, boolean cafHolder, boolean mine) {
        static InvolvementView of(DisclosedInvolvement i) {
            if (i.masked()) {
                return new InvolvementView(0, true, DisclosedInvolvement.MASKED_LABEL, null, null, null, null, null, null, null,
                        null, null, false, false, false);
            }
            return new InvolvementView(i.id(), false, i.serviceType() == null ? null : i.serviceType().label(),
                    i.serviceType() == null ? null : i.serviceType().name(), OrganisationView.of(i.organisation()),
                    i.practitionerName(), i.teamName(), i.role(), i.phone(), i.email(), i.startDate(), i.endDate(),
                    i.leadProfessional(), i.cafHolder(), i.mine());
        }

        /** An entry on a restricted record: its service and team, nothing that could lead to the child. */
        static InvolvementView restricted(DisclosedInvolvement i) {
            return new InvolvementView(i.masked() ? 0 : i.id(), i.masked(), i.masked() ? DisclosedInvolvement.MASKED_LABEL
                    : i.serviceType() == null ? null : i.serviceType().label(),
                    i.masked() || i.serviceType() == null ? null : i.serviceType().name(), null, null,
                    i.masked() ? null : i.teamName(), null, null, null, null, null, false, false, !i.masked() && i.mine());
        }
    }

    record Identifier(String scheme, String allocatingBody, String value) {
    }

    record ChildRecordView(String contactPointId, boolean restricted, Name name, LocalDate dateOfBirth, String gender,
                           String whereabouts, PostalAddress address, LocalDate dateOfDeath, String educationStatus,
                           String localAuthority, String contactPointTeamPhone, String emergencyDutyPhone,
                           List<Carer> carers, List<SettingView> settings, List<InvolvementView> involvements,
                           List<InvolvementView> endedInvolvements, List<Identifier> identifiers) {
        static ChildRecordView of(DisclosedChild c) {
            return new ChildRecordView(c.contactPointId().value(), c.restricted(), Name.of(c.name()), c.dateOfBirth(),
                    c.gender() == null ? null : c.gender().name(), c.whereabouts() == null ? null : c.whereabouts().name(),
                    PostalAddress.of(c.address()), c.dateOfDeath(), c.educationStatus() == null ? null : c.educationStatus().name(),
                    c.localAuthorityName(), c.contactPointTeamPhone(), c.emergencyDutyPhone(),
                    c.carers().stream().map(k -> new Carer(Name.of(k.name()), k.relationship() == null ? null : k.relationship().name(),
                            k.parentalResponsibility(), PostalAddress.of(k.address()), k.phone(), k.email())).toList(),
                    c.settings().stream().map(s -> new SettingView(s.kind().name(), OrganisationView.of(s.organisation()),
                            s.startDate(), s.endDate())).toList(),
                    // A restricted record lists only the viewer's own entries, by service and team alone, as its page does.
                    c.restricted() ? c.involvements().stream().map(InvolvementView::restricted).toList()
                            : c.involvements().stream().map(InvolvementView::of).toList(),
                    c.restricted() ? List.of() : c.endedInvolvements().stream().map(InvolvementView::of).toList(),
                    c.identifiers().stream().map(i -> new Identifier(i.scheme() == null ? null : i.scheme().name(),
                            i.allocatingBody(), i.value())).toList());
        }
    }

    @PostMapping(path = "/children/{contactPointId}/views", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a child's record", description = "Needs the reason the practitioner opens it; shows what the "
            + "disclosure policy lets this practitioner see (a restricted record shows identity only, sensitive services "
            + "are masked). Counts towards the daily cap; audited with the practitioner and the client.")
    ChildRecordView view(@PathVariable String contactPointId,
                         @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ViewRequest.class)))
                         @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        ContactPointId id = contactPointId(contactPointId);
        ViewRequest r = ApiJson.read(body, ViewRequest.class);
        String reason = r.reason() == null ? "" : r.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw ApiProblem.invalid(Map.of("reason", "Give the reason for opening the record, at most " + MAX_REASON + " characters"));
        }
        Optional<DisclosedChild> child = records.open(viewer, id, reason);
        return ChildRecordView.of(child.orElseThrow(() -> ApiProblem.notFound("No record you can see has that ContactPoint ID")));
    }

    static ContactPointId contactPointId(String value) {
        try {
            return new ContactPointId(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "bad-identifier", "Not a ContactPoint ID",
                    "A ContactPoint ID is 12 digits with a valid check digit");
        }
    }
}
