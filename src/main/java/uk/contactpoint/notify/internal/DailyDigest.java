package uk.contactpoint.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: one email to each user still owed one, saying how many notifications wait for them and
 * nothing else. Each user's rows are claimed and the email sent in one transaction, so a notification is
 * emailed at most once however many nodes run the job and however often (ADR 34); a failed send rolls the
 * claim back and the next run tries again.
 */
@Component
class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
    private static final int BATCH = 500;

    /** Off in tests and command-line jobs (another module may enable Spring's scheduling). */
    @Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private final NotificationStore store;
    private final NotificationEmails emails;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DailyDigest(NotificationStore store, NotificationEmails emails, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.emails = emails;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(cron = "${contactpoint.notify.digest-cron:0 0 7 * * *}", zone = "Europe/London")
    void daily() {
        if (scheduling) {
            log.info("Daily digest: {} emails sent", send());
        }
    }

    /** Sends the digest of everything owed until now; returns how many emails went. */
    int send() {
        if (!emails.available()) {
            return 0;
        }
        Instant until = clock.instant();
        int sent = 0;
        long after = 0;
        List<Long> users;
        do {
            users = store.usersOwed(until, after, BATCH);
            for (long user : users) {
                try {
                    if (Boolean.TRUE.equals(transactions.execute(tx -> sendTo(user, until)))) {
                        sent++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Daily digest to user {} failed, left for the next run: {}", user, e.getClass().getSimpleName());
                }
                after = user;
            }
        } while (users.size() == BATCH);
        return sent;
    }

    private boolean sendTo(long user, Instant until) {
        Optional<String> address = store.owedAddress(user, until);
        if (address.isEmpty()) {
            return false;
        }
        int claimed = store.claimOwed(user, until, clock.instant());
        if (claimed == 0) {
            return false;
        }
        emails.sendDigest(address.get(), claimed);
        return true;
    }
}
