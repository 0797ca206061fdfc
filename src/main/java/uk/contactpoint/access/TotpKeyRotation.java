package uk.contactpoint.access;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.access.internal.TotpSecretCipher;

/**
 * Re-encrypts every user's TOTP secret under the first key of {@code contactpoint.security.totp-keys}, so that the
 * older keys listed after it can be removed (operations runbook, section 9.1). In batches of 500 users, each in its
 * own transaction; a secret changed meanwhile (a re-enrolment) is left as the user made it. Audited as one system
 * event with the counts. The secrets are decrypted in memory only and never logged.
 */
@Service
public class TotpKeyRotation {

    private static final int BATCH = 500;

    /** What a run did. */
    public record Result(int reencrypted, int current) {
    }

    private final JdbcClient jdbc;
    private final TotpSecretCipher cipher;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    TotpKeyRotation(JdbcClient jdbc, TotpSecretCipher cipher, PlatformTransactionManager transactions,
                    ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = new TransactionTemplate(transactions);
        this.events = events;
    }

    public Result rotate() {
        String prefix = cipher.currentKeyId() + ":";
        int reencrypted = 0;
        int current = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Object[]> rows = jdbc.sql("""
                            SELECT id, totp_secret FROM app_user WHERE id > :after AND totp_secret IS NOT NULL
                            ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(BATCH))
                    .param("after", from).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
            if (rows.isEmpty()) {
                break;
            }
            int[] counts = transactions.execute(t -> {
                int done = 0;
                int already = 0;
                for (Object[] row : rows) {
                    String stored = (String) row[1];
                    if (stored.startsWith(prefix)) {
                        already++;
                        continue;
                    }
                    String again = cipher.encrypt(cipher.decrypt(stored));
                    done += jdbc.sql("UPDATE app_user SET totp_secret = :again WHERE id = :id AND totp_secret = :stored")
                            .param("again", again).param("id", row[0]).param("stored", stored).update();
                }
                return new int[] {done, already};
            });
            reencrypted += counts[0];
            current += counts[1];
            after = (long) rows.get(rows.size() - 1)[0];
        }
        int r = reencrypted;
        int c = current;
        transactions.executeWithoutResult(t -> events.publishEvent(new AccountEvent("system", null, null, null, null,
                AccountEvent.Kind.TOTP_KEYS_ROTATED, 0, "reencrypted=" + r + " current=" + c)));
        return new Result(reencrypted, current);
    }
}
