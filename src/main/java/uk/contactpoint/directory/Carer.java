package uk.contactpoint.directory;

import java.time.LocalDate;

/** A person with parental responsibility for, or care of, a child, and how to reach them. */
public record Carer(long id, PersonName name, Relationship relationship, boolean parentalResponsibility,
                    boolean hasCare, Address address, String phone, String email, String source, LocalDate asOf) {
}
