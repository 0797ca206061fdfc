package uk.contactpoint.directory;

import java.time.Instant;

/** An entry of the address exclusion register: which address, which LA keeps it, who added it and when. */
public record ExcludedAddress(long id, AddressKey address, String localAuthority, String addedBy, Instant addedAt) {

    @Override
    public String toString() {
        return "ExcludedAddress[id=" + id + "]";
    }
}
