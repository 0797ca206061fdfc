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
    // Fixed-width numeric patterns (yyyy-MM-dd, yyyyMMdd, dd/MM/yyyy, ...) are read by position: a feed of
    // millions of rows should not pay for the general parser.
    private final String fixed;
    private final int year;
    private final int month;
    private final int day;

    private DateParser(DateTimeFormatter formatter, String pattern) {
        this.formatter = formatter;
        int y = pattern.indexOf("yyyy");
        int m = pattern.indexOf("MM");
        int d = pattern.indexOf("dd");
        boolean simple = y >= 0 && m >= 0 && d >= 0 && pattern.indexOf('y', y + 4) < 0 && pattern.indexOf('M', m + 2) < 0
                && pattern.indexOf('d', d + 2) < 0;
        for (int i = 0; simple && i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            simple = c == 'y' || c == 'M' || c == 'd' || !Character.isLetter(c) && c != '\'' && c != '[' && c != ']'
                    && c != '#' && c != '{' && c != '}';
        }
        this.fixed = simple ? pattern : null;
        this.year = y;
        this.month = m;
        this.day = d;
    }

    /** A parser for a {@link DateTimeFormatter} pattern such as {@code yyyy-MM-dd} or {@code dd/MM/yyyy}. */
    public static DateParser of(String pattern) {
        // 'yyyy' is year-of-era, which STRICT resolution refuses without an era; 'uuuu' is the proleptic year
        String strict = pattern.replace('y', 'u');
        return new DateParser(DateTimeFormatter.ofPattern(strict).withResolverStyle(ResolverStyle.STRICT), pattern);
    }

    /** The date, or null when the text is blank or is not a date in this pattern. */
    public LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (fixed != null) {
            return parseFixed(t);
        }
        try {
            return LocalDate.parse(t, formatter);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private LocalDate parseFixed(String t) {
        if (t.length() != fixed.length()) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            char p = fixed.charAt(i);
            char c = t.charAt(i);
            boolean digit = p == 'y' || p == 'M' || p == 'd';
            if (digit ? c < '0' || c > '9' : c != p) {
                return null;
            }
        }
        try {
            return LocalDate.of(number(t, year, 4), number(t, month, 2), number(t, day, 2));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int number(String t, int at, int length) {
        int n = 0;
        for (int i = at; i < at + length; i++) {
            n = n * 10 + t.charAt(i) - '0';
        }
        return n;
    }
}
