package uk.contactpoint.reports.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import uk.contactpoint.directory.Directory;
import uk.contactpoint.reports.Proportionality;

/**
 * Each night, on one node of the cluster, computes and keeps the proportionality figures of the months that can no
 * longer change and are not kept yet (ADR 46), so that no report request has to.
 */
@Component
class UsageMonthSchedule {

    private static final Logger log = LoggerFactory.getLogger(UsageMonthSchedule.class);

    /** Off in tests and command-line jobs. */
    @Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private final Proportionality proportionality;
    private final Directory directory;
    private final Clock clock;

    UsageMonthSchedule(Proportionality proportionality, Directory directory, Clock clock) {
        this.proportionality = proportionality;
        this.directory = directory;
        this.clock = clock;
    }

    @Scheduled(cron = "${contactpoint.reports.usage-months-cron:0 40 2 * * *}", zone = "Europe/London")
    void nightly() {
        if (!scheduling) {
            return;
        }
        Instant now = clock.instant();
        String node = ProcessHandle.current().pid() + "@" + System.getenv().getOrDefault("HOSTNAME", "node");
        if (!directory.leaseJob("usage-months", now, now.plus(Duration.ofHours(2)), node)) {
            return;
        }
        int kept = proportionality.keepClosedMonths();
        log.info("Proportionality: {} closed months computed and kept", kept);
    }
}
