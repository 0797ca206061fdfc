package uk.contactpoint.safeguards;

import java.util.Collection;
import java.util.Set;

import uk.contactpoint.directory.Address;

/** Which of some addresses are on the address exclusion register (refuges and safe houses, ADR 22). */
@FunctionalInterface
public interface ExcludedAddresses {

    /** Nothing excluded: for a policy built without the register (unit tests). */
    ExcludedAddresses NONE = addresses -> Set.of();

    /** Those of these addresses (records: by value) that an entry of the register covers. */
    Set<Address> among(Collection<Address> addresses);
}
