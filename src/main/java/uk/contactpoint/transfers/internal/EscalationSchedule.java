package uk.contactpoint.transfers.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import uk.contactpoint.directory.Directory;
import uk.contactpoint.transfers.Transfers;

/**
 * Escalates overdue transfer requests once a day, early in the London morning, on the one node that takes the lease.
 */
@Component
class EscalationSchedule {

    private static final Logger log = LoggerFactory.getLogger(EscalationSchedule.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Off in tests and command-line jobs (another module may enable Spring's scheduling). */
    @Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private final Transfers transfers;
    private final Directory directory;
    private final Clock clock;

    EscalationSchedule(Transfers transfers, Directory directory, Clock clock) {
        this.transfers = transfers;
        this.directory = directory;
        this.clock = clock;
    }

    @Scheduled(cron = "${contactpoint.transfers.escalation-cron:0 15 6 * * *}", zone = "Europe/London")
    void daily() {
        if (!scheduling) {
            return;
        }
        Instant now = clock.instant();
        String node = ProcessHandle.current().pid() + "@" + System.getenv().getOrDefault("HOSTNAME", "node");
        if (!directory.leaseJob("transfer-escalation", now, now.plus(Duration.ofMinutes(30)), node)) {
            return;
        }
        int escalated = transfers.escalate(LocalDate.ofInstant(now, LONDON));
        log.info("Transfers: {} overdue requests escalated", escalated);
    }
}
