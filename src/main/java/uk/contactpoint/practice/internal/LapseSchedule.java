package uk.contactpoint.practice.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import uk.contactpoint.practice.Involvements;

/**
 * Once a night, ends the practitioner entries nobody confirmed within the lapse period, a batch at a time.
 * Ending is idempotent (only current entries end), so two nodes running it at once do no harm.
 */
@Component
class LapseSchedule {

    private static final Logger log = LoggerFactory.getLogger(LapseSchedule.class);
    private static final int BATCH = 1_000;

    /** Off in tests and command-line jobs (another module may enable Spring's scheduling). */
    @Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private final Involvements involvements;
    private final Clock clock;

    LapseSchedule(Involvements involvements, Clock clock) {
        this.involvements = involvements;
        this.clock = clock;
    }

    @Scheduled(cron = "${contactpoint.involvements.lapse-cron:0 20 2 * * *}")
    void nightly() {
        if (!scheduling) {
            return;
        }
        int total = 0;
        int lapsed;
        do {
            lapsed = involvements.lapse(LocalDate.now(clock), BATCH);
            total += lapsed;
        } while (lapsed == BATCH);
        log.info("Involvement lapse: {} unconfirmed entries ended", total);
    }
}
