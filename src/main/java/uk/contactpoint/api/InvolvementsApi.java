package uk.contactpoint.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.practice.EntryGround;
import uk.contactpoint.practice.Involvements;
import uk.contactpoint.practice.NewEntry;

/**
 * A practitioner's own involvements with children, through their CMS: record one, confirm it, flag it CAF holder,
 * end it, propose themselves as lead professional, decide proposals waiting for them, and report an inaccuracy.
 * The same rules as the web pages ({@link Involvements}); every write takes an {@code Idempotency-Key}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Involvements", description = "Record, update and end a practitioner's involvement; lead professional; inaccuracies")
class InvolvementsApi {

    static final Set<String> REPORT_FIELDS = Set.of("NAME", "DATE_OF_BIRTH", "GENDER", "ADDRESS", "CARERS", "SCHOOL_OR_GP",
            "SERVICES", "OTHER");

    private final ApiCallers callers;
    private final Involvements involvements;
    private final Idempotency idempotency;

    InvolvementsApi(ApiCallers callers, Involvements involvements, Idempotency idempotency) {
        this.callers = callers;
        this.involvements = involvements;
        this.idempotency = idempotency;
    }

    record Ground(@Schema(allowableValues = {"CONSENT", "SIGNIFICANT_HARM"}) String kind,
                  @Schema(allowableValues = {"CHILD", "PARENT_OR_CARER"}) String consentBy, String consentOn, String scope,
                  String justification) {
    }

    record NewInvolvement(@Schema(example = "2025-01-31") String startDate,
                          @Schema(description = "A ServiceType name, e.g. EARLY_HELP") String serviceType,
                          String role, @Schema(description = "Set to record the team's involvement") String teamName,
                          String phone, String email, Boolean cafHolder,
                          @Schema(description = "Required for a sensitive service") Ground ground) {
    }

    record Created(long id) {
    }

    record EndRequest(@Schema(example = "2025-06-30") String endDate) {
    }

    record CafRequest(Boolean holder) {
    }

    record ProposalRequest(@Schema(description = "Date of the meeting that agreed it, if one did") String meetingOn) {
    }

    record ProposalResponse(String outcome) {
    }

    record DecisionRequest(Boolean confirm) {
    }

    record InaccuracyRequest(@Schema(allowableValues = {"NAME", "DATE_OF_BIRTH", "GENDER", "ADDRESS", "CARERS", "SCHOOL_OR_GP",
            "SERVICES", "OTHER"}) String field, String description) {
    }

    record WaitingProposal(long id, String contactPointId, long involvementId, LocalDate meetingOn) {
    }

    record Proposals(List<WaitingProposal> proposals) {
    }

    @PostMapping(path = "/children/{contactPointId}/involvements", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the practitioner's (or their team's) involvement with a child",
            description = "Everyone else involved is told. Audited with the practitioner and the client.")
    ResponseEntity<Object> record(@PathVariable String contactPointId,
                                  @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = NewInvolvement.class)))
                                  @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        ContactPointId id = ChildrenApi.contactPointId(contactPointId);
        NewInvolvement r = ApiJson.read(body, NewInvolvement.class);
        ServiceType service = parseEnum(ServiceType.class, r.serviceType(), "serviceType", "Give the service: one of the ServiceType names");
        NewEntry entry = new NewEntry(date(r.startDate(), "startDate"), service, r.role(), r.teamName(), r.phone(), r.email(),
                Boolean.TRUE.equals(r.cafHolder()), ground(r.ground()));
        return idempotency.once(caller(viewer), key, "POST", request.getRequestURI(), body, () -> {
            long involvement = involvements.record(viewer, id, entry);
            return ResponseEntity.created(URI.create("/api/v1/involvements/" + involvement)).body(new Created(involvement));
        });
    }

    /** Does {@code action} once per idempotency key and answers 204 (replayed: the stored answer, nothing done). */
    private ResponseEntity<Object> once(Viewer viewer, String key, HttpServletRequest request, byte[] body, Runnable action) {
        return idempotency.once(caller(viewer), key, "POST", request.getRequestURI(), body, () -> {
            action.run();
            return ResponseEntity.noContent().build();
        });
    }

    @PostMapping(path = "/involvements/{involvementId}/confirmation")
    @Operation(summary = "Confirm the involvement is current (it lapses after a year without)")
    ResponseEntity<Object> confirm(@PathVariable long involvementId,
                                   @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        return once(viewer, key, request, new byte[0], () -> involvements.confirm(viewer, involvementId));
    }

    @PostMapping(path = "/involvements/{involvementId}/caf-holder", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Say whether this involvement holds the child's CAF")
    ResponseEntity<Object> caf(@PathVariable long involvementId,
                               @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                               @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CafRequest.class)))
                               @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        CafRequest r = ApiJson.read(body, CafRequest.class);
        if (r.holder() == null) {
            throw ApiProblem.invalid(Map.of("holder", "Say true or false"));
        }
        return once(viewer, key, request, body, () -> involvements.cafHolder(viewer, involvementId, r.holder()));
    }

    @PostMapping(path = "/involvements/{involvementId}/end", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "End the involvement")
    ResponseEntity<Object> end(@PathVariable long involvementId,
                               @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                               @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EndRequest.class)))
                               @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        EndRequest r = ApiJson.read(body, EndRequest.class);
        LocalDate on = date(r.endDate(), "endDate");
        return once(viewer, key, request, body, () -> involvements.end(viewer, involvementId, on));
    }

    @PostMapping(path = "/involvements/{involvementId}/lead-professional-proposals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Propose this involvement's practitioner as the child's lead professional",
            description = "With a meeting date it is recorded at once (RECORDED); otherwise the current lead professional or the LA team decides (PENDING).")
    ResponseEntity<Object> propose(@PathVariable long involvementId,
                                   @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ProposalRequest.class)))
                                   @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        ProposalRequest r = ApiJson.read(body, ProposalRequest.class);
        LocalDate meeting = r.meetingOn() == null || r.meetingOn().isBlank() ? null : date(r.meetingOn(), "meetingOn");
        return idempotency.once(caller(viewer), key, "POST", request.getRequestURI(), body, () ->
                ResponseEntity.ok(new ProposalResponse(involvements.proposeLeadProfessional(viewer, involvementId, meeting).name())));
    }

    @GetMapping("/lead-professional-proposals")
    @Operation(summary = "The lead professional proposals waiting for this practitioner's decision")
    Proposals proposals(HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        return new Proposals(involvements.proposalsFor(viewer).stream().map(w -> new WaitingProposal(w.proposal().id(),
                w.child().contactPointId().value(), w.proposal().involvementId(), w.proposal().meetingOn())).toList());
    }

    @PostMapping(path = "/lead-professional-proposals/{proposalId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Confirm or decline a lead professional proposal")
    ResponseEntity<Object> decide(@PathVariable long proposalId,
                                  @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = DecisionRequest.class)))
                                  @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        DecisionRequest r = ApiJson.read(body, DecisionRequest.class);
        if (r.confirm() == null) {
            throw ApiProblem.invalid(Map.of("confirm", "Say true to confirm or false to decline"));
        }
        return once(viewer, key, request, body, () -> involvements.decide(viewer, proposalId, r.confirm()));
    }

    @PostMapping(path = "/children/{contactPointId}/inaccuracy-reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report something wrong in a child's record to its local authority")
    ResponseEntity<Object> inaccuracy(@PathVariable String contactPointId,
                                      @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = InaccuracyRequest.class)))
                                      @RequestBody byte[] body, HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        ContactPointId id = ChildrenApi.contactPointId(contactPointId);
        InaccuracyRequest r = ApiJson.read(body, InaccuracyRequest.class);
        if (r.field() == null || !REPORT_FIELDS.contains(r.field())) {
            throw ApiProblem.invalid(Map.of("field", "Say what is wrong: one of " + String.join(", ", REPORT_FIELDS.stream().sorted().toList())));
        }
        String description = r.description() == null ? "" : r.description().strip();
        if (description.isEmpty() || description.length() > 500) {
            throw ApiProblem.invalid(Map.of("description", "Say what is wrong and what it should be, at most 500 characters"));
        }
        return idempotency.once(caller(viewer), key, "POST", request.getRequestURI(), body, () ->
                ResponseEntity.status(201).body(new Created(involvements.reportInaccuracy(viewer, id, r.field(), description))));
    }

    static String caller(Viewer viewer) {
        return viewer.clientId() + "/" + viewer.username();
    }

    static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid(Map.of(field, "Give the date as yyyy-MM-dd"));
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.DateTimeException e) {
            throw ApiProblem.invalid(Map.of(field, "Give a real date as yyyy-MM-dd"));
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field, String message) {
        if (value == null) {
            throw ApiProblem.invalid(Map.of(field, message));
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(Map.of(field, message));
        }
    }

    static EntryGround ground(Ground g) {
        if (g == null) {
            return null;
        }
        EntryGround.Kind kind = parseEnum(EntryGround.Kind.class, g.kind(), "ground.kind", "CONSENT or SIGNIFICANT_HARM");
        if (kind == EntryGround.Kind.CONSENT) {
            return EntryGround.consent(parseEnum(EntryGround.ConsentBy.class, g.consentBy(), "ground.consentBy", "CHILD or PARENT_OR_CARER"),
                    date(g.consentOn(), "ground.consentOn"), g.scope());
        }
        if (g.justification() == null || g.justification().isBlank()) {
            throw ApiProblem.invalid(Map.of("ground.justification", "Say why the significant-harm ground applies"));
        }
        return EntryGround.significantHarm(g.justification().strip());
    }
}
