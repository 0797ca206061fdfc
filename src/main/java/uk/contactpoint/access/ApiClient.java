package uk.contactpoint.access;

import java.time.Instant;

/**
 * A machine registered to call the API (ADR 35): a case management system acting for signed-in practitioners,
 * or a data supplier acting for itself. {@code localAuthority} is the GSS code of the authority that registered it,
 * or null for a national client; {@code supplierCode} names its entry in the supplier register (suppliers only).
 */
public record ApiClient(String clientId, Kind kind, String name, String localAuthority, String supplierCode,
                        String registeredBy, Instant registeredAt, Instant revokedAt) {

    /** What a client may do: a CMS calls for a practitioner; a supplier only sends its feeds. */
    public enum Kind { CMS, SUPPLIER }

    public boolean national() {
        return localAuthority == null;
    }

    public boolean active() {
        return revokedAt == null;
    }
}
