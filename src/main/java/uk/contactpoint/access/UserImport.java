package uk.contactpoint.access;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * Bulk import of users from CSV (for an LA or organisation joining with many staff). Columns, by header:
 * {@value #HEADER}. Roles are separated by semicolons and named as in {@link Role}; dates are ISO
 * ({@code 2025-03-31}). All rows are created or none: a file with any problem creates nobody and the
 * report lists every problem with its line, so the file can be corrected and loaded again.
 */
@Service
public class UserImport {

    public static final String HEADER = "username,display_name,email,phone,organisation_id,local_authority,roles,"
            + "child_protection,manager,dbs_check_date,training_completed_on,agreement_signed_on";
    static final int MAX_ROWS = 5_000;
    private static final List<String> COLUMNS = Arrays.asList(HEADER.split(","));

    private final UserAdministration administration;

    UserImport(UserAdministration administration) {
        this.administration = administration;
    }

    public ImportReport importCsv(Viewer admin, String csv) {
        List<List<String>> lines = Csv.parse(csv == null ? "" : csv);
        if (lines.isEmpty() || lines.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList().size() < COLUMNS.size()
                || !lines.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList().containsAll(COLUMNS)) {
            return new ImportReport(false, List.of(new ImportReport.Row(1, null,
                    "The first line must be the header: " + HEADER, null)));
        }
        List<String> header = lines.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        List<List<String>> data = lines.subList(1, lines.size()).stream()
                .filter(l -> !(l.size() == 1 && l.get(0).isBlank())).toList();
        if (data.isEmpty()) {
            return new ImportReport(false, List.of(new ImportReport.Row(1, null, "The file has no users after the header", null)));
        }
        if (data.size() > MAX_ROWS) {
            return new ImportReport(false, List.of(new ImportReport.Row(1, null,
                    "The file has " + data.size() + " users: import at most " + MAX_ROWS + " at a time", null)));
        }
        List<AccountRequest> requests = new ArrayList<>();
        List<ImportReport.Row> rows = new ArrayList<>();
        boolean parseProblems = false;
        for (int i = 0; i < data.size(); i++) {
            int line = i + 2;
            Map<String, String> row = new HashMap<>();
            List<String> values = data.get(i);
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < values.size() ? values.get(c).trim() : "");
            }
            try {
                if (values.size() != header.size()) {
                    throw new IllegalArgumentException("has " + values.size() + " values, the header has " + header.size());
                }
                requests.add(request(row));
                rows.add(new ImportReport.Row(line, row.get("username"), null, null));
            } catch (IllegalArgumentException e) {
                parseProblems = true;
                requests.add(null);
                rows.add(new ImportReport.Row(line, row.get("username"), e.getMessage(), null));
            }
        }
        if (parseProblems) {
            return new ImportReport(false, rows);
        }
        try {
            List<ActivationCode> codes = administration.createAll(admin, requests);
            List<ImportReport.Row> created = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                created.add(new ImportReport.Row(i + 2, codes.get(i).username(), null, codes.get(i).code()));
            }
            return new ImportReport(true, created);
        } catch (UserAdministration.InvalidAccounts e) {
            List<ImportReport.Row> report = new ArrayList<>(rows);
            e.problems().forEach((index, message) ->
                    report.set(index, new ImportReport.Row(index + 2, rows.get(index).username(), message, null)));
            return new ImportReport(false, report);
        }
    }

    private static AccountRequest request(Map<String, String> row) {
        long organisation;
        try {
            organisation = Long.parseLong(row.get("organisation_id"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("organisation_id: must be the number of the organisation");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : row.get("roles").split(";")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("roles: no role is called " + name.trim() + " (use, for example, PRACTITIONER;LA_AUDITOR)");
            }
        }
        String cp = row.get("child_protection").toLowerCase(Locale.ROOT);
        if (!List.of("", "yes", "no", "true", "false").contains(cp)) {
            throw new IllegalArgumentException("child_protection: yes or no");
        }
        return new AccountRequest(row.get("username"), row.get("display_name"), row.get("email"), row.get("phone"),
                organisation, row.get("local_authority").toUpperCase(Locale.ROOT), roles, cp.equals("yes") || cp.equals("true"),
                row.get("manager"), date(row, "dbs_check_date"), date(row, "training_completed_on"),
                date(row, "agreement_signed_on"));
    }

    private static LocalDate date(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": write dates as 2025-03-31");
        }
    }

    /** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> lines = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    lines.add(fields);
                    fields = new ArrayList<>();
                } else if (c != '\uFEFF' || i > 0) {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !fields.isEmpty()) {
                fields.add(field.toString());
                lines.add(fields);
            }
            return lines;
        }
    }
}
