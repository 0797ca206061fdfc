package uk.contactpoint.directory;

import java.time.LocalDate;

/** A participating young person's extension: the record stays live until {@code until}, reviewed on {@code reviewOn}. */
public record Participation(LocalDate until, String reason, LocalDate reviewOn) {
}
