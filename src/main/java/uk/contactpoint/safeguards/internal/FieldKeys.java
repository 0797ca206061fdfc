package uk.contactpoint.safeguards.internal;

import java.nio.charset.StandardCharsets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.KeyRing;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.FieldProtection;
import uk.contactpoint.directory.SealedValues;

/**
 * The safeguards module's keys for sealed fields (ADR 26): AES-256-GCM from {@code contactpoint.safeguards.field-keys}
 * ({@code id:base64key[,id:base64key...]}, the first encrypts, all decrypt), each ciphertext bound to its row. The
 * directory seals through this ({@link FieldProtection}); only the safeguards module opens. Development has a default
 * key; ProductionGuard refuses to start {@code prod} with it or without one.
 */
@Component
public class FieldKeys implements FieldProtection {

    /** Development key, refused by ProductionGuard under the prod profile. */
    public static final String DEV_KEYS = "dev:ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE=";
    static final String PROPERTY = "contactpoint.safeguards.field-keys";

    private final KeyRing keys;
    private final ObjectProvider<AuditLog> audit;
    private final Clock clock;

    @Autowired
    FieldKeys(@Value("${" + PROPERTY + ":}") String configuration, ObjectProvider<AuditLog> audit, Clock clock) {
        this.keys = new KeyRing(PROPERTY, configuration);
        this.audit = audit;
        this.clock = clock;
    }

    /** Keys from a configuration value, for tests and tools (nothing audited: {@link #reseal} refuses). */
    public static FieldKeys of(String configuration) {
        return new FieldKeys(configuration, null, Clock.systemUTC());
    }

    /** Opens, changes and seals again inside this module; the opening is audited as a system event (no values). */
    @Override
    public String reseal(String context, String sealed, Map<Integer, String> set, Map<Integer, String> setWhereNone) {
        if (audit == null) {
            throw new IllegalStateException("Re-sealing is audited: not available without the audit log");
        }
        List<String> values = new ArrayList<>(SealedValues.decode(open(context, sealed)));
        set.forEach(values::set);
        setWhereNone.forEach((i, v) -> {
            if (values.get(i) == null) {
                values.set(i, v);
            }
        });
        audit.getObject().record(new AuditEvent(clock.instant(), "system", null, null, "field-protection", null, null,
                AuditAction.DECRYPT, List.of(), null, AuditOutcome.SUCCESS,
                "decrypted=" + context.substring(0, Math.max(0, context.indexOf(':'))) + ";purpose=reseal"));
        return seal(context, SealedValues.encode(values.toArray(new String[0])));
    }

    @Override
    public String seal(String context, String plaintext) {
        return keys.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * Opens a sealed value. Callers audit what they open.
     *
     * @throws IllegalStateException when its key is not configured, or it was altered or moved to another row
     */
    public String open(String context, String sealed) {
        return new String(keys.decrypt(sealed, context), StandardCharsets.UTF_8);
    }

    /** Whether a sealed value is under the current key (else rotation re-encrypts it). */
    public boolean current(String sealed) {
        return keys.currentKeyId().equals(KeyRing.keyId(sealed));
    }

    public String currentKeyId() {
        return keys.currentKeyId();
    }
}
