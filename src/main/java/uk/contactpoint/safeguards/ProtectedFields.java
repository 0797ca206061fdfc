package uk.contactpoint.safeguards;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.AddressKey;
import uk.contactpoint.directory.Amendment;
import uk.contactpoint.directory.Carer;
import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.SealedValue;
import uk.contactpoint.directory.SealedValues;
import uk.contactpoint.safeguards.internal.FieldKeys;

/**
 * Opens sealed fields (ADR 26), and only here: for a disclosure the policy allows (one {@code DECRYPT} event for
 * the viewer, naming which kinds of field, never their values), for matching a feed against shielded children
 * (one system event per chunk with a count), for unshielding, and for key rotation. Every opening is audited in
 * the caller's transaction, so nothing is opened that the log does not show.
 */
@Service
public class ProtectedFields {

    /** The client system of the audit events of opening for matching and rotation. */
    public static final String SYSTEM = "field-protection";

    private final FieldKeys keys;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    ProtectedFields(FieldKeys keys, Directory directory, AuditLog audit, Clock clock, TransactionTemplate tx) {
        this.tx = tx;
        this.keys = keys;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Opens a record's sealed fields a viewer is about to be shown: its address and carers' details when {@code
     * address}, and the sealed involvements {@code involvements} accepts. Audited as one {@code DECRYPT} event when
     * anything was opened.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ChildRecord openFor(Viewer viewer, ChildRecord child, boolean address, Predicate<Involvement> involvements) {
        return openFor(viewer, child, address, involvements, "disclosure");
    }

    /** As {@link #openFor(Viewer, ChildRecord, boolean, Predicate)}, naming why in the audit event (a word, no data). */
    @Transactional(propagation = Propagation.MANDATORY)
    public ChildRecord openFor(Viewer viewer, ChildRecord child, boolean address, Predicate<Involvement> involvements,
                               String purpose) {
        boolean openAddress = address && child.sealedAddress() != null;
        long carers = address ? child.carers().stream().filter(c -> c.sealed() != null).count() : 0;
        long opened = child.involvements().stream().filter(i -> i.sealed() != null && involvements.test(i)).count();
        if (!openAddress && carers == 0 && opened == 0) {
            return child;
        }
        ChildRecord open = open(child, address, involvements);
        audit.record(viewer, AuditAction.DECRYPT, List.of(child.id()), null, AuditOutcome.DISCLOSED,
                "decrypted=" + kinds(openAddress, carers, opened) + ";purpose=" + purpose);
        return open;
    }

    /**
     * A review row's sealed payload opened for an LA data manager about to be shown it or to decide it; one {@code
     * DECRYPT} event on the row's children. A payload in the clear is returned as it is.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String openReviewRow(Viewer viewer, long reviewId, List<Long> childIds, String payload) {
        if (!SealedValue.sealedPayload(payload)) {
            return payload;
        }
        String opened = keys.open(SealedValues.context(SealedValue.REVIEW, reviewId), payload);
        audit.record(viewer, AuditAction.DECRYPT, childIds, null, AuditOutcome.DISCLOSED,
                "decrypted=review-row;review=" + reviewId + ";purpose=matching-review");
        return opened;
    }

    /**
     * A shielded child's own address opened (not its carers'), for a correction to be compared with; audited as the
     * viewer's {@code DECRYPT} with that purpose. An empty address when none is sealed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Address openAddress(Viewer viewer, ChildRecord child, String purpose) {
        if (child.sealedAddress() == null) {
            return child.address() == null ? new Address(null, null, null, null) : child.address();
        }
        String[] v = values("child", child.id(), child.sealedAddress(), SealedValues.CHILD.size());
        audit.record(viewer, AuditAction.DECRYPT, List.of(child.id()), null, AuditOutcome.SUCCESS,
                "decrypted=address;purpose=" + purpose);
        return new Address(v[0], v[1], v[2], v[3] == null ? null : new Postcode(v[3]));
    }

    /**
     * A shielded child's amendment history with the sealed old and new address values opened, for an LA data manager
     * about to be shown it; one {@code DECRYPT} event when anything was opened.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Amendment> openHistory(Viewer viewer, long childId, List<Amendment> history) {
        if (history.stream().noneMatch(a -> a.sealed() != null)) {
            return history;
        }
        List<Amendment> out = new ArrayList<>(history.size());
        int opened = 0;
        for (Amendment a : history) {
            if (a.sealed() == null) {
                out.add(a);
            } else {
                String[] v = values("child_amendment", a.id(), a.sealed(), 2);
                out.add(a.opened(v[0], v[1]));
                opened++;
            }
        }
        audit.record(viewer, AuditAction.DECRYPT, List.of(childId), null, AuditOutcome.DISCLOSED,
                "decrypted=amendments:" + opened + ";purpose=disclosure");
        return out;
    }

    private ChildRecord open(ChildRecord child, boolean address, Predicate<Involvement> involvements) {
        Address a = child.address();
        if (address && child.sealedAddress() != null) {
            String[] v = values("child", child.id(), child.sealedAddress(), SealedValues.CHILD.size());
            a = address(v[0], v[1], v[2], v[3]);
        }
        List<Carer> carers = new ArrayList<>();
        for (Carer c : child.carers()) {
            if (address && c.sealed() != null) {
                String[] v = values("carer", c.id(), c.sealed(), SealedValues.CARER.size());
                carers.add(c.opened(address(v[0], v[1], v[2], v[3]), v[4], v[5]));
            } else {
                carers.add(c);
            }
        }
        List<Involvement> opened = new ArrayList<>();
        for (Involvement i : child.involvements()) {
            if (i.sealed() != null && involvements.test(i)) {
                String[] v = values("involvement", i.id(), i.sealed(), SealedValues.INVOLVEMENT.size());
                opened.add(i.opened(v[0], v[1], v[2], v[3], v[4]));
            } else {
                opened.add(i);
            }
        }
        return child.withOpened(a, address ? null : child.sealedAddress(), carers, opened);
    }

    private static String kinds(boolean address, long carers, long involvements) {
        List<String> kinds = new ArrayList<>();
        if (address) {
            kinds.add("address");
        }
        if (carers > 0) {
            kinds.add("carers:" + carers);
        }
        if (involvements > 0) {
            kinds.add("involvements:" + involvements);
        }
        return String.join(",", kinds);
    }

    /**
     * The addresses of shielded candidates opened for matching one chunk of a feed (ADR 26): a row that may be a
     * shielded child is still compared on its address, so it is quarantined rather than published as a new
     * record. An address on the exclusion register stays blank, as for every child (ADR 22). One system audit event
     * with the count, no personal data, when anything was opened.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ChildForMatching> openForMatching(List<ChildForMatching> children, String purpose) {
        if (children.stream().noneMatch(c -> c.sealedAddress() != null)) {
            return children;
        }
        List<ChildForMatching> out = new ArrayList<>(children.size());
        Map<Integer, String[]> opened = new HashMap<>();
        for (int i = 0; i < children.size(); i++) {
            ChildForMatching c = children.get(i);
            if (c.sealedAddress() != null) {
                opened.put(i, values("child", c.id(), c.sealedAddress(), SealedValues.CHILD.size()));
            }
        }
        Set<AddressKey> excluded = directory.addressExclusions(opened.values().stream().map(v -> v[3])
                .filter(p -> p != null).distinct().toList());
        for (int i = 0; i < children.size(); i++) {
            ChildForMatching c = children.get(i);
            String[] v = opened.get(i);
            if (v == null) {
                out.add(c);
            } else if (AddressKey.of(v[0], v[3]).filter(k -> excluded.stream().anyMatch(e -> e.covers(k))).isPresent()) {
                out.add(c.withAddress(null, null, null));
            } else {
                out.add(c.withAddress(v[3], v[0], v[2]));
            }
        }
        audit.record(new AuditEvent(clock.instant(), "system", null, null, SYSTEM, null, null, AuditAction.DECRYPT,
                List.of(), purpose, AuditOutcome.SUCCESS, "decrypted=address;count=" + opened.size() + ";purpose=matching"));
        return out;
    }

    /**
     * Unshields a record: opens its address and carers' details and hands them back to the directory in the clear.
     * Only {@link Shielding} calls this, after the two-person rule; audited as the officer's {@code DECRYPT} event.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void unshield(Viewer officer, long childId) {
        ChildRecord child = directory.find(childId).orElseThrow();
        String[] address = child.sealedAddress() == null ? null
                : values("child", childId, child.sealedAddress(), SealedValues.CHILD.size());
        Map<Long, String[]> carers = new HashMap<>();
        for (Carer c : child.carers()) {
            if (c.sealed() != null) {
                carers.put(c.id(), values("carer", c.id(), c.sealed(), SealedValues.CARER.size()));
            }
        }
        directory.unshield(childId, address, carers);
        if (address != null || !carers.isEmpty()) {
            audit.record(officer, AuditAction.DECRYPT, List.of(childId), null, AuditOutcome.SUCCESS,
                    "decrypted=" + kinds(address != null, carers.size(), 0) + ";purpose=unshield");
        }
    }

    /** How many sealed values rotation re-encrypted, and how many were under the current key already. */
    public record Rotation(int reencrypted, int current) {
    }

    /**
     * Re-encrypts every sealed value under the current key (the first of {@code contactpoint.safeguards.field-keys}),
     * in batches, each in its own transaction; afterwards the old keys can be removed from the configuration. Opening
     * here discloses nothing; it is audited as one system event with the counts.
     *
     * @throws IllegalStateException when a value is under a key no longer configured, or altered
     */
    public Rotation rotate() {
        int reencrypted = 0;
        int current = 0;
        for (String table : SealedValue.TABLES) {
            long after = 0;
            while (true) {
                final long from = after;
                List<SealedValue> batch = directory.sealedValues(table, from, 500);
                if (batch.isEmpty()) {
                    break;
                }
                int[] counts = tx.execute(status -> {
                    int moved = 0;
                    for (SealedValue v : batch) {
                        if (!keys.current(v.ciphertext())) {
                            String context = v.context();
                            directory.replaceSealed(v, keys.seal(context, keys.open(context, v.ciphertext())));
                            moved++;
                        }
                    }
                    return new int[] {moved, batch.size() - moved};
                });
                reencrypted += counts[0];
                current += counts[1];
                after = batch.get(batch.size() - 1).id();
            }
        }
        int done = reencrypted;
        int already = current;
        tx.executeWithoutResult(status -> audit.record(new AuditEvent(clock.instant(), "system", null, null, SYSTEM, null,
                null, AuditAction.DECRYPT, List.of(), "key rotation", AuditOutcome.SUCCESS,
                "rotated=" + done + ";current=" + already + ";key=" + keys.currentKeyId() + ";purpose=rotation")));
        return new Rotation(reencrypted, current);
    }

    /**
     * Seals whatever is still in the clear and must not be: rows shielded, or sensitive involvements recorded, before
     * field encryption. Encrypts only, opens nothing. Returns the rows sealed.
     */
    public int sealExisting() {
        int sealed = 0;
        long afterRow = 0;
        List<SealedValue> plain;
        while (!(plain = directory.plainQuarantined(afterRow, 500)).isEmpty()) {
            // here the "ciphertext" of each value is its payload in the clear: replaced by its sealed form
            List<SealedValue> batch = plain;
            tx.executeWithoutResult(status -> batch.forEach(v -> directory.replaceSealed(v, sealQuarantined(v.ciphertext()))));
            sealed += batch.size();
            afterRow = batch.get(batch.size() - 1).id();
        }
        long after = 0;
        while (true) {
            List<Long> ids = directory.unsealed(after, 500);
            if (ids.isEmpty()) {
                return sealed;
            }
            Integer rows = tx.execute(status -> directory.sealProtected(ids));
            sealed += rows == null ? 0 : rows;
            after = ids.get(ids.size() - 1);
        }
    }

    /**
     * Seals a quarantined feed row's payload (ADR 26): a row that may be a shielded child carries what may be that
     * child's address. Nothing in the service reads it back; the LA finds the child from the quarantine entry.
     */
    public String sealQuarantined(String payload) {
        return keys.seal(SealedValue.QUARANTINE, payload);
    }

    private String[] values(String table, long id, String sealed, int count) {
        return SealedValues.decode(keys.open(SealedValues.context(table, id), sealed), count);
    }

    private static Address address(String line1, String line2, String town, String postcode) {
        return line1 == null && postcode == null ? null
                : new Address(line1, line2, town, postcode == null ? null : new Postcode(postcode));
    }
}
