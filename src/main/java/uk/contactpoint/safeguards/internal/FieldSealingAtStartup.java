package uk.contactpoint.safeguards.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import uk.contactpoint.safeguards.ProtectedFields;

/**
 * Seals, when the application starts, what was stored in the clear before field encryption (ADR 26): records
 * shielded and sensitive involvements recorded before migration V25, and rows a bulk load wrote as given. The
 * migration cannot do it: the keys are the application's, never the database's. Idempotent and cheap once done
 * (index-led queries that find nothing); {@code contactpoint.safeguards.seal-at-startup=false} turns it off.
 */
@Component
@ConditionalOnProperty(name = "contactpoint.safeguards.seal-at-startup", havingValue = "true", matchIfMissing = true)
class FieldSealingAtStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FieldSealingAtStartup.class);

    private final ProtectedFields fields;

    FieldSealingAtStartup(ProtectedFields fields) {
        this.fields = fields;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sealed = fields.sealExisting();
        if (sealed > 0) {
            log.info("Sealed {} rows stored in the clear before field encryption", sealed);
        }
    }
}
