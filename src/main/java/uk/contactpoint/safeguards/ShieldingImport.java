package uk.contactpoint.safeguards;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.SourceIdentifier;

/**
 * The bulk shielding import an LA runs before its practitioners get access (DOMAIN.md section 5, ADR 22): a
 * CSV file of the records to shield, one row per child, named by ContactPoint ID or by NHS number and date of
 * birth, with the reason category, who asked and the review date. The whole file is applied or none of it: a
 * file with any problem shields nobody, and the report gives every row its outcome. Rows whose record is
 * shielded already are reported so and change nothing, so a corrected file can be imported again. Each record
 * shielded is one decision and one audit event, exactly as when an officer shields one record.
 */
@Service
public class ShieldingImport {

    public static final String HEADER = "contactpoint_id,nhs_number,date_of_birth,reason,requested_by,review_date";
    static final int MAX_ROWS = 10_000;

    public enum Outcome {
        /** Shielded by this import. */
        SHIELDED,
        /** Shielded before: nothing changed. */
        ALREADY_SHIELDED,
        /** The row is good, but the file was refused for other rows' problems: not shielded. */
        NOT_APPLIED,
        /** The row has a problem: see the reason. */
        PROBLEM
    }

    /**
     * One row of the report: its number in the file (the header is row 1), the child as the row named it, the
     * outcome and, for a problem, what to correct.
     */
    public record Row(int row, String child, Outcome outcome, String reason) {
        @Override
        public String toString() {
            return "Row[row=" + row + ", outcome=" + outcome + "]";
        }
    }

    /** The outcome of a whole file: applied (every good row shielded) or refused (nothing changed). */
    public record Report(boolean applied, List<Row> rows) {
        public Report {
            rows = List.copyOf(rows);
        }

        public long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }
    }

    private record Planned(int index, ChildRecord child, Shielding.ReasonCategory reason, String requestedBy,
                           LocalDate reviewDate) {
    }

    private final Shielding shielding;
    private final Directory directory;
    private final AuditLog audit;

    ShieldingImport(Shielding shielding, Directory directory, AuditLog audit) {
        this.shielding = shielding;
        this.directory = directory;
        this.audit = audit;
    }

    /**
     * Imports a parsed CSV file: the first record is the header, each further record a row.
     *
     * @throws Shielding.NotAllowed when the viewer is not a shielding officer of an LA
     */
    @Transactional
    public Report importRows(Viewer officer, List<String[]> records) {
        if (!Shielding.shields(officer)) {
            throw new Shielding.NotAllowed("Only an LA's shielding officers shield records");
        }
        if (records.isEmpty()) {
            return refused(officer, fileProblem("The file is empty: the first row must be the header " + HEADER));
        }
        List<String> header = new ArrayList<>();
        for (String name : records.get(0)) {
            header.add(name.trim().toLowerCase(Locale.ROOT));
        }
        boolean byId = header.contains("contactpoint_id");
        boolean byNhs = header.contains("nhs_number") && header.contains("date_of_birth");
        if (!(byId || byNhs) || !header.containsAll(List.of("reason", "requested_by", "review_date"))) {
            return refused(officer, fileProblem("The first row must be the header " + HEADER
                    + " (contactpoint_id, or nhs_number and date_of_birth, may be left out)"));
        }
        List<String[]> data = records.subList(1, records.size()).stream()
                .filter(r -> !(r.length == 1 && r[0].isBlank())).toList();
        if (data.isEmpty()) {
            return refused(officer, fileProblem("The file has no rows after the header"));
        }
        if (data.size() > MAX_ROWS) {
            return refused(officer, fileProblem("The file has " + data.size() + " rows: import at most " + MAX_ROWS + " at a time"));
        }

        List<Row> rows = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        Map<Long, Integer> rowOfChild = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            int number = i + 2;
            Map<String, String> row = new HashMap<>();
            String[] values = data.get(i);
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < values.length ? values[c].trim() : "");
            }
            String named = !row.getOrDefault("contactpoint_id", "").isEmpty() ? row.get("contactpoint_id")
                    : row.getOrDefault("nhs_number", "");
            try {
                if (values.length != header.size()) {
                    throw new IllegalArgumentException("The row has " + values.length + " values, the header has " + header.size());
                }
                ChildRecord child = child(officer, row);
                Integer earlier = rowOfChild.putIfAbsent(child.id(), number);
                if (earlier != null) {
                    throw new IllegalArgumentException("The same child is in row " + earlier + ": give each child one row");
                }
                if (child.shielded()) {
                    rows.add(new Row(number, named, Outcome.ALREADY_SHIELDED, null));
                    continue;
                }
                Shielding.ReasonCategory reason = reason(row.get("reason"));
                LocalDate review = date("review_date", row.get("review_date"));
                String problem = shielding.problem(reason, row.get("requested_by"), review);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                planned.add(new Planned(rows.size(), child, reason, row.get("requested_by"), review));
                rows.add(new Row(number, named, Outcome.SHIELDED, null));
            } catch (IllegalArgumentException e) {
                rows.add(new Row(number, named, Outcome.PROBLEM, e.getMessage()));
            }
        }
        if (rows.stream().anyMatch(r -> r.outcome() == Outcome.PROBLEM)) {
            List<Row> refused = rows.stream().map(r -> r.outcome() == Outcome.SHIELDED
                    ? new Row(r.row(), r.child(), Outcome.NOT_APPLIED, null) : r).toList();
            return refused(officer, refused);
        }
        for (Planned p : planned) {
            shielding.apply(officer, p.child(), p.reason(), p.requestedBy(), p.reviewDate());
        }
        audit.record(officer, AuditAction.ADMIN, List.of(), null, AuditOutcome.SUCCESS,
                "shielding import: " + planned.size() + " shielded, " + (rows.size() - planned.size()) + " already shielded");
        return new Report(true, rows);
    }

    private Report refused(Viewer officer, List<Row> rows) {
        Report report = new Report(false, rows);
        audit.record(officer, AuditAction.ADMIN, List.of(), null, AuditOutcome.REFUSED,
                "shielding import refused: " + rows.size() + " rows, " + report.count(Outcome.PROBLEM) + " with problems");
        return report;
    }

    private static List<Row> fileProblem(String problem) {
        return List.of(new Row(1, null, Outcome.PROBLEM, problem));
    }

    /**
     * The live record of the officer's LA the row names. Another LA's child and no child at all get the same
     * answer, so a file cannot probe which children exist elsewhere.
     */
    private ChildRecord child(Viewer officer, Map<String, String> row) {
        String id = row.getOrDefault("contactpoint_id", "");
        Optional<ChildRecord> found;
        String notOurs;
        if (!id.isEmpty()) {
            try {
                found = directory.find(new ContactPointId(id));
            } catch (InvalidValueException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            notOurs = "No child your local authority is responsible for has that ContactPoint ID";
        } else {
            String nhs = row.getOrDefault("nhs_number", "");
            String dob = row.getOrDefault("date_of_birth", "");
            if (nhs.isEmpty() || dob.isEmpty()) {
                throw new IllegalArgumentException("Give the child's ContactPoint ID, or their NHS number and date of birth");
            }
            NhsNumber number;
            try {
                number = new NhsNumber(nhs);
            } catch (InvalidValueException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            LocalDate dateOfBirth = date("date_of_birth", dob);
            found = directory.childWithIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, number.value())
                    .flatMap(directory::find)
                    .filter(c -> dateOfBirth.equals(c.dateOfBirth()));
            notOurs = "No child your local authority is responsible for has that NHS number and date of birth";
        }
        return found.filter(c -> c.status() == RecordStatus.LIVE && c.responsibleLa() != null
                        && c.responsibleLa().code().value().equals(officer.localAuthority()))
                .orElseThrow(() -> new IllegalArgumentException(notOurs));
    }

    private static Shielding.ReasonCategory reason(String value) {
        try {
            return value.isEmpty() ? null : Shielding.ReasonCategory.valueOf(value.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reason: use one of " + List.of(Shielding.ReasonCategory.values()));
        }
    }

    private static LocalDate date(String column, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": write dates as year-month-day, for example 2027-06-30");
        }
    }
}
