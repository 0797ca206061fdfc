package uk.contactpoint.synthetic;

import java.time.LocalDate;

/**
 * Appends CSV values to a {@link StringBuilder} without String.format, regex or java.time formatting: this
 * runs tens of millions of times for a national population.
 */
final class Csv {

    private Csv() {
    }

    /** Appends a value, quoted only when it holds a comma, quote or line break; null as an empty field. */
    static void text(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    static void date(StringBuilder out, LocalDate date) {
        if (date != null) {
            date(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        }
    }

    static void date(StringBuilder out, int year, int month, int day) {
        out.append(year).append('-');
        two(out, month);
        out.append('-');
        two(out, day);
    }

    static void two(StringBuilder out, int n) {
        if (n < 10) {
            out.append('0');
        }
        out.append(n);
    }

    static void bool(StringBuilder out, boolean value) {
        out.append(value ? "Y" : "N");
    }
}
