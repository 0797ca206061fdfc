package uk.contactpoint.safeguards;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.AddressKey;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.ExcludedAddress;
import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * The address exclusion register (DOMAIN.md section 5, ADR 22): the addresses of refuges and safe houses, kept
 * by each LA's shielding officers. An excluded address is never shown (the disclosure policy shows "no address
 * shown" to all but the management team of the child's LA) and never used to match or group records (the
 * directory blanks it in what it gives matching, search and ingest). Adding and removing are audited; the
 * audit event names the entry, not the address.
 */
@Service
public class AddressExclusions implements ExcludedAddresses {

    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    AddressExclusions(Directory directory, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    private static String la(Viewer officer) {
        if (!Shielding.shields(officer)) {
            throw new Shielding.NotAllowed("Only an LA's shielding officers keep the address exclusion register");
        }
        return officer.localAuthority();
    }

    /** The entries the officer's LA keeps. */
    @Transactional(readOnly = true)
    public List<ExcludedAddress> of(Viewer officer) {
        return directory.addressExclusionsOf(new LocalAuthorityCode(la(officer)));
    }

    /**
     * Adds an address.
     *
     * @throws IllegalArgumentException when the first line or postcode is missing or not valid, or the address is on the register already
     */
    @Transactional
    public long add(Viewer officer, String line1, String postcode) {
        String la = la(officer);
        if (line1 == null || line1.isBlank()) {
            throw new IllegalArgumentException("Enter the first line of the address");
        }
        if (line1.length() > 200) {
            throw new IllegalArgumentException("The first line must be 200 characters or fewer");
        }
        AddressKey key = AddressKey.of(line1, postcode)
                .orElseThrow(() -> new IllegalArgumentException("Enter a full UK postcode, like LS1 4AP"));
        if (directory.addressExclusions(List.of(key.postcode())).stream().anyMatch(e -> e.equals(key))) {
            throw new IllegalArgumentException("This address is on the register already");
        }
        long id = directory.addAddressExclusion(key, new LocalAuthorityCode(la), officer.username(), clock.instant());
        audit.record(officer, AuditAction.ADMIN, List.of(), null, AuditOutcome.SUCCESS, "address exclusion " + id + " added");
        return id;
    }

    /** Removes an entry of the officer's LA. */
    @Transactional
    public void remove(Viewer officer, long id) {
        String la = la(officer);
        ExcludedAddress entry = directory.addressExclusion(id).filter(e -> e.localAuthority().equals(la))
                .orElseThrow(() -> new IllegalArgumentException("Your local authority has no such entry on the register"));
        directory.removeAddressExclusion(entry.id(), officer.username(), clock.instant());
        audit.record(officer, AuditAction.ADMIN, List.of(), null, AuditOutcome.SUCCESS, "address exclusion " + id + " removed");
    }

    /** One query, by the addresses' postcodes. */
    @Override
    @Transactional(readOnly = true)
    public Set<Address> among(Collection<Address> addresses) {
        Map<Address, AddressKey> keys = new java.util.HashMap<>();
        for (Address a : addresses) {
            AddressKey.of(a).ifPresent(k -> keys.put(a, k));
        }
        if (keys.isEmpty()) {
            return Set.of();
        }
        Set<AddressKey> entries = directory.addressExclusions(keys.values().stream().map(AddressKey::postcode)
                .collect(Collectors.toSet()));
        Set<Address> excluded = new HashSet<>();
        keys.forEach((a, k) -> {
            if (entries.stream().anyMatch(e -> e.covers(k))) {
                excluded.add(a);
            }
        });
        return excluded;
    }
}
