package uk.contactpoint.reports;

import java.util.List;
import java.util.Set;

/**
 * A table of a report, as the page shows it and as its CSV export holds it: the same rows in both.
 *
 * @param id       a short name, unique on its page (the CSV file is named after it)
 * @param caption  what the table shows
 * @param headers  the column headings
 * @param rows     the cells, row by row, each as many as the headings
 * @param numeric  the indexes of the columns that hold numbers (right-aligned on the page)
 */
public record Table(String id, String caption, List<String> headers, List<List<String>> rows, Set<Integer> numeric) {

    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(r -> r.stream().map(c -> c == null ? "" : c).toList()).toList();
        numeric = Set.copyOf(numeric);
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("a row of " + id + " has " + row.size() + " cells for " + headers.size() + " headings");
            }
        }
    }

    public boolean isNumeric(int column) {
        return numeric.contains(column);
    }

    /** The GOV.UK Frontend class of a column's heading (numeric columns right-aligned). */
    public String headerClass(int column) {
        return isNumeric(column) ? "govuk-table__header govuk-table__header--numeric" : "govuk-table__header";
    }

    /** The GOV.UK Frontend class of a column's cells. */
    public String cellClass(int column) {
        return isNumeric(column) ? "govuk-table__cell govuk-table__cell--numeric" : "govuk-table__cell";
    }

    /** The table as CSV (RFC 4180, guarded against spreadsheet formulas). */
    public String csv() {
        return Csv.of(this);
    }
}
