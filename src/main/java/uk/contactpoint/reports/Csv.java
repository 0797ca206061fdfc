package uk.contactpoint.reports;

import java.util.List;

/**
 * CSV for report tables: RFC 4180 (CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled), and safe to open in a spreadsheet: a cell starting with =, +, -, @, a tab or a carriage return would be
 * read as a formula (OWASP CSV injection), so it gets a leading apostrophe and stays text. Negative numbers are
 * therefore never written; the reports have none.
 */
public final class Csv {

    private Csv() {
    }

    public static String of(Table table) {
        StringBuilder out = new StringBuilder();
        line(out, table.headers());
        for (List<String> row : table.rows()) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One field, guarded and quoted as needed. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
