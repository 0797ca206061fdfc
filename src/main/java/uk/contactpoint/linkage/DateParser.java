package uk.contactpoint.linkage;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Reads dates of birth in one pattern, strictly (31 February is not a date). A value that does not parse is
 * missing, never an error: a bad date must not drop a record.
 */
public final class DateParser {

    public static final String ISO = "yyyy-MM-dd";

    private final DateTimeFormatter formatter;

    private DateParser(DateTimeFormatter formatter) {
        this.formatter = formatter;
    }

    /** A parser for a {@link DateTimeFormatter} pattern such as {@code yyyy-MM-dd} or {@code dd/MM/yyyy}. */
    public static DateParser of(String pattern) {
        // 'yyyy' is year-of-era, which STRICT resolution refuses without an era; 'uuuu' is the proleptic year
        String strict = pattern.replace('y', 'u');
        return new DateParser(DateTimeFormatter.ofPattern(strict).withResolverStyle(ResolverStyle.STRICT));
    }

    /** The date, or null when the text is blank or is not a date in this pattern. */
    public LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim(), formatter);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
