package uk.contactpoint.directory;

import java.time.LocalDate;

/** Which source supplied a field's current value, and when. */
public record Provenance(String field, String source, LocalDate asOf) {
}
