package uk.contactpoint.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.notify.Notifications;

/** The practitioner's own notifications, newest first, a page at a time (audited as a list, naming no child). */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Notifications", description = "The practitioner's notifications")
class NotificationsApi {

    /** How far back the list reaches: the newest this many notifications. */
    static final int WINDOW = 1000;
    static final int MAX_LIMIT = 100;

    private final ApiCallers callers;
    private final Notifications notifications;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    NotificationsApi(ApiCallers callers, Notifications notifications, AuditLog audit, PlatformTransactionManager transactions) {
        this.callers = callers;
        this.notifications = notifications;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    record Item(long id, Instant createdAt, String subject, String body) {
    }

    record Page(List<Item> items, @io.swagger.v3.oas.annotations.media.Schema(description = "The next page, or null at the end") String next) {
    }

    @GetMapping("/notifications")
    @Operation(summary = "List my notifications", description = "Newest first; follow next for older ones.")
    Page list(@Parameter(description = "Only notifications older than this id (from next)") @RequestParam(required = false) Long before,
              @Parameter(description = "1 to " + MAX_LIMIT) @RequestParam(defaultValue = "20") int limit,
              HttpServletRequest request) {
        Viewer viewer = callers.practitioner(request);
        if (limit < 1 || limit > MAX_LIMIT || (before != null && before < 1)) {
            throw ApiProblem.badRequest("limit must be 1 to " + MAX_LIMIT + " and before a positive id");
        }
        List<Notifications.Sent> window = notifications.of(viewer.userId(), WINDOW);
        List<Item> items = window.stream().filter(n -> before == null || n.id() < before).limit(limit + 1L)
                .map(n -> new Item(n.id(), n.createdAt(), n.subject(), n.body())).toList();
        boolean more = items.size() > limit;
        List<Item> page = more ? items.subList(0, limit) : items;
        tx.executeWithoutResult(s -> audit.record(viewer, AuditAction.LIST, List.of(), null, AuditOutcome.SUCCESS,
                "notifications listed n=" + page.size()));
        return new Page(page, more ? "/api/v1/notifications?before=" + page.get(page.size() - 1).id() + "&limit=" + limit : null);
    }
}
