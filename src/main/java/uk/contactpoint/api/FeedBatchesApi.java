package uk.contactpoint.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.contactpoint.access.ApiClient;
import uk.contactpoint.ingest.FeedSource;
import uk.contactpoint.ingest.Reject;

/**
 * Feed batches for supplier clients: send a feed file (the same CSV layouts as the command line), applied or, with
 * {@code dryRun=true}, only validated, in the background; then read its status and progress, and its reject report
 * (row, field, reason) a page at a time. A supplier sees only its own batches.
 */
@RestController
@RequestMapping(path = "/api/v1/feed-batches", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Feed batches", description = "Suppliers send their feeds and read the reports")
class FeedBatchesApi {

    static final int MAX_LIMIT = 1000;

    private final ApiCallers callers;
    private final FeedBatches batches;
    private final Idempotency idempotency;

    FeedBatchesApi(ApiCallers callers, FeedBatches batches, Idempotency idempotency) {
        this.callers = callers;
        this.batches = batches;
        this.idempotency = idempotency;
    }

    record Status(long id, String source, boolean dryRun,
                  @Schema(allowableValues = {"QUEUED", "RUNNING", "DONE", "REFUSED", "FAILED"}) String status,
                  int percentDone, long rowsRead, Long good, Long rejected, Long linked, Long created, Long review,
                  Long quarantined, String problem, String submittedAt, String finishedAt, String rejects) {
        static Status of(FeedBatches.Batch b) {
            int percent = "DONE".equals(b.status()) ? 100
                    : b.bytesTotal() == 0 ? 0 : (int) Math.min(99, b.bytesRead() * 100 / b.bytesTotal());
            return new Status(b.id(), b.source(), b.dryRun(), b.status(), percent, b.rowsRead(), b.good(), b.rejected(),
                    b.linked(), b.created(), b.review(), b.quarantined(), b.failure(), b.submittedAt().toString(),
                    b.finishedAt() == null ? null : b.finishedAt().toString(), "/api/v1/feed-batches/" + b.id() + "/rejects");
        }
    }

    record Batches(List<Status> batches, String next) {
    }

    record RejectLine(long row, String field, String reason) {
    }

    record RejectPage(long batchId, List<RejectLine> rejects, String next) {
    }

    @PostMapping(consumes = "text/csv")
    @Operation(summary = "Send a feed batch", description = "The body is the feed file (CSV, UTF-8, with its header, at most "
            + "100 MB). Answers 202 with the batch's status; poll it for progress. The supplier must be registered for the source.")
    ResponseEntity<Object> submit(@Parameter(description = "births, school-census, child-benefit, nhs-demographics or la-services")
                                  @RequestParam String source,
                                  @RequestParam(defaultValue = "false") boolean dryRun,
                                  @Parameter(required = true) @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
                                          schema = @Schema(type = "string"))) HttpServletRequest request) throws IOException {
        ApiClient client = callers.supplier(request);
        FeedSource feed = FeedSource.fromCliName(source).orElseThrow(() -> ApiProblem.badRequest(
                "source must be one of " + FeedSource.cliNames()));
        // The key covers the file by its name and size only: hashing 100 MB before storing it is not worth it.
        byte[] head = (source + "|" + dryRun + "|" + request.getContentLengthLong()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return idempotency.once(client.clientId(), key, "POST", request.getRequestURI(), head, () -> {
            try {
                FeedBatches.Batch b = batches.submit(client, feed, dryRun, request.getInputStream(), request.getRemoteAddr());
                return ResponseEntity.accepted().location(URI.create("/api/v1/feed-batches/" + b.id())).body(Status.of(b));
            } catch (IOException e) {
                throw ApiProblem.badRequest("The batch could not be read: send it again");
            }
        });
    }

    @GetMapping
    @Operation(summary = "List this supplier's batches, newest first")
    Batches list(@RequestParam(required = false) Long before, @RequestParam(defaultValue = "20") int limit, HttpServletRequest request) {
        ApiClient client = callers.supplier(request);
        if (limit < 1 || limit > 100) {
            throw ApiProblem.badRequest("limit must be 1 to 100");
        }
        List<Status> page = batches.list(client, before, limit + 1).stream().map(Status::of).toList();
        boolean more = page.size() > limit;
        List<Status> shown = more ? page.subList(0, limit) : page;
        batches.audited(client, request.getRemoteAddr(), "feed batches listed n=" + shown.size());
        return new Batches(shown, more ? "/api/v1/feed-batches?before=" + shown.get(shown.size() - 1).id() + "&limit=" + limit : null);
    }

    @GetMapping("/{batchId}")
    @Operation(summary = "A batch's status and progress")
    Status status(@PathVariable long batchId, HttpServletRequest request) {
        ApiClient client = callers.supplier(request);
        FeedBatches.Batch b = batches.find(client, batchId).orElseThrow(() -> ApiProblem.notFound("No batch of yours has that id"));
        batches.audited(client, request.getRemoteAddr(), "feed batch status id=" + batchId);
        return Status.of(b);
    }

    @GetMapping("/{batchId}/rejects")
    @Operation(summary = "A batch's reject report: each bad row's number, field and reason, in row order")
    RejectPage rejects(@PathVariable long batchId, @RequestParam(defaultValue = "0") long afterRow,
                       @RequestParam(defaultValue = "500") int limit, HttpServletRequest request) {
        ApiClient client = callers.supplier(request);
        if (limit < 1 || limit > MAX_LIMIT || afterRow < 0) {
            throw ApiProblem.badRequest("limit must be 1 to " + MAX_LIMIT + " and afterRow 0 or more");
        }
        batches.find(client, batchId).orElseThrow(() -> ApiProblem.notFound("No batch of yours has that id"));
        List<Reject> rows = batches.rejects(batchId, afterRow, limit + 1);
        boolean more = rows.size() > limit;
        List<Reject> shown = more ? rows.subList(0, limit) : rows;
        // A page never splits one row's rejects: the next page starts after the last whole row.
        long last = shown.isEmpty() ? afterRow : shown.get(shown.size() - 1).row();
        if (more && rows.get(limit).row() == last) {
            long lastRow = last;
            List<Reject> whole = shown.stream().filter(r -> r.row() < lastRow).toList();
            if (!whole.isEmpty()) {
                shown = whole;
                last = whole.get(whole.size() - 1).row();
            }
        }
        batches.audited(client, request.getRemoteAddr(), "feed batch rejects id=" + batchId + " n=" + shown.size());
        return new RejectPage(batchId, shown.stream().map(r -> new RejectLine(r.row(), r.field(), r.reason())).toList(),
                more ? "/api/v1/feed-batches/" + batchId + "/rejects?afterRow=" + last + "&limit=" + limit : null);
    }
}
