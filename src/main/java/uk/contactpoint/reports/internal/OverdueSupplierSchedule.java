package uk.contactpoint.reports.internal;

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
import uk.contactpoint.reports.OverdueSupplierAlerts;

/** Checks the supplier register for overdue feeds each morning, on one node of the cluster. */
@Component
class OverdueSupplierSchedule {

    private static final Logger log = LoggerFactory.getLogger(OverdueSupplierSchedule.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Off in tests and command-line jobs. */
    @Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private final OverdueSupplierAlerts alerts;
    private final Directory directory;
    private final Clock clock;

    OverdueSupplierSchedule(OverdueSupplierAlerts alerts, Directory directory, Clock clock) {
        this.alerts = alerts;
        this.directory = directory;
        this.clock = clock;
    }

    @Scheduled(cron = "${contactpoint.reports.overdue-cron:0 15 7 * * *}", zone = "Europe/London")
    void daily() {
        if (!scheduling) {
            return;
        }
        Instant now = clock.instant();
        String node = ProcessHandle.current().pid() + "@" + System.getenv().getOrDefault("HOSTNAME", "node");
        if (!directory.leaseJob("overdue-suppliers", now, now.plus(Duration.ofHours(1)), node)) {
            return;
        }
        int alerted = alerts.alert(LocalDate.ofInstant(now, LONDON));
        log.info("Overdue suppliers: {} new overdue periods alerted", alerted);
    }
}
