package uk.contactpoint.access.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.notify.Notification;

/**
 * Reminds users (and their managers) 60, 30 and 7 days before their enhanced DBS check turns 3 years old,
 * and tells both on the day access stops. Each reminder is sent once (the {@code vetting_reminder} table),
 * and a day the job did not run is caught up: the reminder due is the nearest threshold not yet sent.
 * Runs hourly, so several nodes or a restart never skip a day; the primary key stops duplicates.
 */
@Component
public class VettingReminders {

    /** Off in tests and command-line jobs, which run these by hand (another module may enable Spring's scheduling). */
    @org.springframework.beans.factory.annotation.Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    static final int[] DAYS_BEFORE = {60, 30, 7, 0};

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    VettingReminders(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    private record Due(long userId, String email, LocalDate dbsCheck, Long managerId, String managerEmail, String name) {
    }

    @Scheduled(cron = "${contactpoint.vetting.reminders-cron:0 5 * * * *}")
    void hourly() {
        if (scheduling) {
            send(LocalDate.now(clock));
        }
    }

    /** Sends the reminders due on this day; returns how many users were reminded. */
    public int send(LocalDate today) {
        List<Due> due = jdbc.sql("""
                        SELECT u.id, u.email, u.dbs_check_date, m.id AS manager_id, m.email AS manager_email, u.display_name
                        FROM app_user u LEFT JOIN app_user m ON m.id = u.manager_id
                        WHERE u.enabled = TRUE AND u.dbs_check_date IS NOT NULL
                          AND u.dbs_check_date > :from AND u.dbs_check_date <= :to""")
                .param("from", today.minusYears(StoredUser.DBS_VALID_YEARS).minusDays(1))
                .param("to", today.minusYears(StoredUser.DBS_VALID_YEARS).plusDays(DAYS_BEFORE[0]))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getString(6)))
                .list();
        int sent = 0;
        for (Due d : due) {
            LocalDate expires = d.dbsCheck().plusYears(StoredUser.DBS_VALID_YEARS);
            long left = ChronoUnit.DAYS.between(today, expires);
            int threshold = -1;
            for (int t : DAYS_BEFORE) {
                if (left <= t) {
                    threshold = t;
                }
            }
            if (threshold < 0 || left < 0) {
                continue;
            }
            int chosen = threshold;
            Boolean done;
            try {
                done = tx.execute(s -> {
                    int inserted = jdbc.sql("""
                                    INSERT INTO vetting_reminder (user_id, expires_on, days_before, sent_at)
                                    SELECT CAST(:u AS BIGINT), CAST(:e AS DATE), CAST(:d AS INT), CAST(:t AS TIMESTAMP WITH TIME ZONE)
                                    WHERE NOT EXISTS (SELECT 1 FROM vetting_reminder
                                        WHERE user_id = :u AND expires_on = :e AND days_before = :d)""")
                            .param("u", d.userId()).param("e", expires).param("d", chosen)
                            .param("t", Timestamp.from(clock.instant())).update();
                    if (inserted == 1) {
                        publish(d, expires, chosen, left);
                    }
                    return inserted == 1;
                });
            } catch (DuplicateKeyException anotherNodeSentIt) {
                done = false;
            }
            if (Boolean.TRUE.equals(done)) {
                sent++;
            }
        }
        return sent;
    }

    private void publish(Due d, LocalDate expires, int threshold, long left) {
        if (threshold == 0 && left == 0) {
            events.publishEvent(Notification.account(d.userId(), d.email(), "Your access to ContactPoint has stopped",
                    "Your enhanced DBS check is now 3 years old, so your access has stopped. Ask your manager to send the "
                            + "date of your renewed check to your local authority ContactPoint team."));
            if (d.managerId() != null) {
                events.publishEvent(Notification.account(d.managerId(), d.managerEmail(), "A user you manage can no longer use ContactPoint",
                        d.name() + "'s enhanced DBS check is now 3 years old, so their access has stopped until a renewed check is recorded."));
            }
            return;
        }
        String when = left == 1 ? "tomorrow" : "in " + left + " days, on " + expires;
        events.publishEvent(Notification.account(d.userId(), d.email(), "Your DBS check needs renewing",
                "Your enhanced DBS check becomes 3 years old " + when + ". Your ContactPoint access stops then unless "
                        + "your renewed check is recorded. Ask your manager to arrange it."));
        if (d.managerId() != null && threshold <= 30) {
            events.publishEvent(Notification.account(d.managerId(), d.managerEmail(), "A user you manage needs a renewed DBS check",
                    d.name() + "'s enhanced DBS check becomes 3 years old " + when + "; their access stops then."));
        }
    }
}
