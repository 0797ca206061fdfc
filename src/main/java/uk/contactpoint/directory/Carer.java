package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * A person with parental responsibility for, or care of, a child, and how to reach them. While the child is
 * shielded the address, phone and email are held only in {@code sealed} (ADR 26).
 */
public record Carer(long id, PersonName name, Relationship relationship, boolean parentalResponsibility,
                    boolean hasCare, Address address, String phone, String email, String source, LocalDate asOf,
                    String sealed) {

    /** A carer whose address and contacts are held in the clear. */
    public Carer(long id, PersonName name, Relationship relationship, boolean parentalResponsibility, boolean hasCare,
                 Address address, String phone, String email, String source, LocalDate asOf) {
        this(id, name, relationship, parentalResponsibility, hasCare, address, phone, email, source, asOf, null);
    }

    /** This carer with its address and contacts opened. */
    public Carer opened(Address openedAddress, String openedPhone, String openedEmail) {
        return new Carer(id, name, relationship, parentalResponsibility, hasCare, openedAddress, openedPhone, openedEmail,
                source, asOf, null);
    }
}
