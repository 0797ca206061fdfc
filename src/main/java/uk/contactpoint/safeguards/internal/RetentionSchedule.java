package uk.contactpoint.safeguards.internal;

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
import uk.contactpoint.safeguards.Retention;

/**
 * Runs retention once a night, on one node of the cluster (the one that takes the lease), for the day it
 * is in Europe/London.
 */
@Component
class RetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Off in tests and command-line jobs (another module may enable Spring's scheduling). */
    @Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private final Retention retention;
    private final Directory directory;
    private final Clock clock;

    RetentionSchedule(Retention retention, Directory directory, Clock clock) {
        this.retention = retention;
        this.directory = directory;
        this.clock = clock;
    }

    @Scheduled(cron = "${contactpoint.retention.cron:0 30 1 * * *}", zone = "Europe/London")
    void nightly() {
        if (!scheduling) {
            return;
        }
        Instant now = clock.instant();
        String node = ProcessHandle.current().pid() + "@" + System.getenv().getOrDefault("HOSTNAME", "node");
        if (!directory.leaseJob("retention", now, now.plus(Duration.ofHours(2)), node)) {
            log.info("Retention: another node holds the lease; not running");
            return;
        }
        Retention.Run run = retention.run(LocalDate.ofInstant(now, LONDON));
        log.info("Retention: {} records archived, {} purged", run.archived(), run.purged());
    }
}
