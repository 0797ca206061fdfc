package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * An identifier a source system allocated to the child, used for matching and shown only to users of
 * the body that allocated it.
 */
public record SourceIdentifier(Scheme scheme, String allocatingBody, String value, String source, LocalDate asOf) {

    /** The allocating body of NHS numbers. */
    public static final String NHS = "NHS";
    /** The allocating body of UPNs (the Department for Education, through schools and LAs). */
    public static final String DFE = "DFE";

    public enum Scheme { NHS_NUMBER, UPN, SUPPLIER_RECORD }

    @Override
    public String toString() {
        return "SourceIdentifier[" + scheme + " from " + allocatingBody + "]";
    }
}
