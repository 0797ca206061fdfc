package uk.contactpoint.access;

import java.util.List;

/**
 * The row-by-row outcome of a bulk import of users. Either every row was created (each with its activation
 * code, shown once) or none was, and the rows with problems say what to correct.
 */
public record ImportReport(boolean created, List<Row> rows) {

    public ImportReport {
        rows = List.copyOf(rows);
    }

    /** One data row: its line number in the file (the header is line 1). */
    public record Row(int line, String username, String problem, String activationCode) {
        @Override
        public String toString() {
            return "Row[line=" + line + ", ok=" + (problem == null) + "]";
        }
    }

    public long problems() {
        return rows.stream().filter(r -> r.problem() != null).count();
    }
}
