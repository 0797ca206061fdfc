package uk.contactpoint.directory;

import java.time.LocalDate;

/** A former name or an alias of a child, with the source that supplied it. */
public record OtherName(Kind kind, String given, String family, String source, LocalDate asOf) {

    public enum Kind { FORMER, ALIAS }
}
