package uk.contactpoint.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.contactpoint.linkage.DateParser;
import uk.contactpoint.linkage.Decision;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageProgress;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.LinkageResult;
import uk.contactpoint.linkage.LinkageSettings;
import uk.contactpoint.ingest.CsvReader;
import uk.contactpoint.linkage.RecordLinker;
import uk.contactpoint.linkage.ScoredPair;
import uk.contactpoint.linkage.Sex;

/**
 * Links the records of one or more CSV files as one set (within and across files) and writes the cluster of
 * every record. Runs without Spring, the database or the web server. No personal data is printed: only
 * counts, and ids in the output files.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Find the records that describe the same person, within and across CSV files, "
                + "without labels (Fellegi-Sunter, m by EM, u by random sampling), and write a cluster per record.")
class LinkCommand implements Callable<Integer> {

    static final List<String> FIELDS = List.of("given_name", "family_name", "date_of_birth", "sex", "postcode",
            "address", "locality", "identifier");

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 250_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV file with a header line (repeatable; all inputs are linked as one set).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--id-column", required = true, paramLabel = "COL",
            description = "Column holding each record's id; ids must be unique across all inputs.")
    String idColumn;

    @Option(names = "--map", required = true, paramLabel = "FIELD=COLUMN[+COLUMN...]",
            description = "Which columns hold a field: given_name, family_name, date_of_birth, sex, postcode, "
                    + "address, locality, identifier (repeatable, for several identifier kinds). '+' joins columns "
                    + "with a space.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--date-format", defaultValue = DateParser.ISO, paramLabel = "PATTERN",
            description = "Pattern of date_of_birth (java.time), e.g. dd/MM/yyyy or yyyyMMdd. Default: ${DEFAULT-VALUE}. "
                    + "A date that does not parse counts as missing.")
    String dateFormat;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Clusters: record_id,cluster_id.")
    Path output;

    @Option(names = "--pairs", paramLabel = "FILE",
            description = "Also write every scored pair: left_id,right_id,match_weight,match_probability,decision,conflict.")
    Path pairsOutput;

    /** A field and the columns it is read from. */
    record Mapping(String field, String spec, List<String> columns) {
    }

    @Override
    public Integer call() throws IOException {
        picocli.CommandLine cli = spec.commandLine();
        List<Mapping> mappings = parseMappings(cli);
        DateParser dates;
        try {
            dates = DateParser.of(dateFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, "--date-format: not a date pattern: " + dateFormat + " (" + e.getMessage() + ")");
        }
        PrintWriter err = cli.getErr();
        long started = System.nanoTime();

        List<LinkageRecord> records = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path input : inputs) {
            read(cli, input, mappings, dates, records, seen);
        }
        long readNanos = System.nanoTime() - started;
        long[] lastDrawn = {0};
        Map<String, long[]> stages = new LinkedHashMap<>();
        stages.put("read", new long[] {started, started + readNanos});
        LinkageProgress progress = (stage, done, total) -> {
            long now = System.nanoTime();
            synchronized (lastDrawn) {
                stages.computeIfAbsent(stage, k -> new long[] {now, now})[1] = now;
                if (now - started > QUIET_NANOS && now - lastDrawn[0] > REDRAW_NANOS) {
                    lastDrawn[0] = now;
                    err.print("\r" + bar(stage, done, total));
                    err.flush();
                }
            }
        };
        LinkageResult result = new RecordLinker(LinkageSettings.defaults(), progress).link(records);
        long writeStarted = System.nanoTime();
        write(records, result);
        long elapsed = System.nanoTime() - started;
        stages.put("write", new long[] {writeStarted, System.nanoTime()});
        if (lastDrawn[0] != 0) {
            err.println();
            StringBuilder timings = new StringBuilder("link stages (ms):");
            stages.forEach((stage, t) -> timings.append(' ').append(stage).append(' ').append((t[1] - t[0]) / 1_000_000));
            err.println(timings);
        }
        cli.getOut().println(String.format(Locale.ROOT,
                "Linked %d records from %d file%s into %d clusters: %d scored pairs, %d links, %d possible matches; "
                        + "%d ms (%d records/s)",
                records.size(), inputs.size(), inputs.size() == 1 ? "" : "s", result.clusterCount(), result.pairCount(),
                result.count(Decision.LINK), result.count(Decision.POSSIBLE_MATCH), elapsed / 1_000_000,
                records.size() * 1_000_000_000L / Math.max(1, elapsed)));
        return 0;
    }

    private List<Mapping> parseMappings(picocli.CommandLine cli) {
        List<Mapping> mappings = new ArrayList<>();
        Map<String, String> single = new LinkedHashMap<>();
        for (String map : maps) {
            int eq = map.indexOf('=');
            if (eq <= 0 || eq == map.length() - 1) {
                throw new ParameterException(cli, "--map: expected FIELD=COLUMN[+COLUMN...], got '" + map + "'");
            }
            String field = map.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!FIELDS.contains(field)) {
                throw new ParameterException(cli, "--map: unknown field '" + field + "'; fields are "
                        + String.join(", ", FIELDS));
            }
            List<String> columns = new ArrayList<>();
            for (String column : map.substring(eq + 1).split("\\+", -1)) {
                if (column.isBlank()) {
                    throw new ParameterException(cli, "--map: empty column name in '" + map + "'");
                }
                columns.add(column.trim());
            }
            if (!field.equals("identifier") && single.put(field, map) != null) {
                throw new ParameterException(cli, "--map: " + field + " is mapped twice");
            }
            mappings.add(new Mapping(field, String.join("+", columns), columns));
        }
        return mappings;
    }

    private void read(picocli.CommandLine cli, Path input, List<Mapping> mappings, DateParser dates,
            List<LinkageRecord> records, Map<String, Path> seen) throws IOException {
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(input, StandardCharsets.UTF_8))) {
            String[] header = csv.next();
            if (header == null) {
                throw new ParameterException(cli, "--input " + input + ": the file is empty (no header line)");
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                index.putIfAbsent(header[i].trim(), i);
            }
            List<String> missing = new ArrayList<>();
            if (!index.containsKey(idColumn.trim())) {
                missing.add(idColumn.trim());
            }
            int[][] columns = new int[mappings.size()][];
            for (int m = 0; m < mappings.size(); m++) {
                List<String> names = mappings.get(m).columns();
                columns[m] = new int[names.size()];
                for (int c = 0; c < names.size(); c++) {
                    Integer at = index.get(names.get(c));
                    if (at == null) {
                        missing.add(names.get(c));
                    }
                    columns[m][c] = at == null ? -1 : at;
                }
            }
            if (!missing.isEmpty()) {
                throw new ParameterException(cli, "--input " + input + ": no column " + String.join(", ", missing)
                        + " in its header");
            }
            int idAt = index.get(idColumn.trim());
            List<String> ids = new ArrayList<>();
            List<String[]> rows = new ArrayList<>();
            for (long row = 1;; row++) {
                String[] values = csv.next();
                if (values == null) {
                    break;
                }
                if (values.length == 1 && values[0].isBlank() && header.length > 1) {
                    continue; // a blank line is not a record
                }
                String id = value(values, idAt);
                if (id == null) {
                    throw new ParameterException(cli, "--input " + input + ": row " + row + " has no id in column "
                            + idColumn.trim());
                }
                Path before = seen.putIfAbsent(id, input);
                if (before != null) {
                    throw new ParameterException(cli, "--input " + input + ": row " + row + " repeats id " + id
                            + (before.equals(input) ? " of an earlier row" : " already used in " + before)
                            + "; ids must be unique across all inputs");
                }
                ids.add(id);
                rows.add(values);
            }
            // building records (dates, identifiers) is the costly part of reading: both cores do it
            int from = records.size();
            records.addAll(java.util.Collections.nCopies(rows.size(), null));
            java.util.stream.IntStream.range(0, rows.size()).parallel()
                    .forEach(r -> records.set(from + r, record(ids.get(r), rows.get(r), mappings, columns, dates)));
        } catch (NoSuchFileException e) {
            throw new ParameterException(cli, "--input " + input + ": no such file");
        } catch (CharacterCodingException e) {
            // the reader decodes ahead of the row it parses, so no row number: it would point at the wrong row
            throw new ParameterException(cli, "--input " + input + ": not UTF-8 (it holds a byte that UTF-8 does not "
                    + "allow); save or export it as UTF-8 (in Excel: CSV UTF-8) and run again");
        } catch (CsvReader.TooLargeException e) {
            throw new ParameterException(cli, "--input " + input + ": cannot be read as CSV. " + e.getMessage());
        }
    }

    private static LinkageRecord record(String id, String[] values, List<Mapping> mappings, int[][] columns,
            DateParser dates) {
        String given = null;
        String family = null;
        String dob = null;
        String sex = null;
        String postcode = null;
        String address = null;
        String locality = null;
        List<Identifier> identifiers = new ArrayList<>(1);
        for (int m = 0; m < mappings.size(); m++) {
            String v = joined(values, columns[m]);
            switch (mappings.get(m).field()) {
                case "given_name" -> given = v;
                case "family_name" -> family = v;
                case "date_of_birth" -> dob = v;
                case "sex" -> sex = v;
                case "postcode" -> postcode = v;
                case "address" -> address = v;
                case "locality" -> locality = v;
                default -> {
                    if (v != null) {
                        identifiers.add(new Identifier(mappings.get(m).spec(), v));
                    }
                }
            }
        }
        return new LinkageRecord(id, given, family, dates.parse(dob), Sex.parse(sex), postcode, address, locality,
                identifiers);
    }

    private static String value(String[] values, int at) {
        if (at >= values.length) {
            return null;
        }
        String v = values[at].trim();
        return v.isEmpty() ? null : v;
    }

    private static String joined(String[] values, int[] columns) {
        if (columns.length == 1) {
            return value(values, columns[0]);
        }
        StringBuilder out = new StringBuilder();
        for (int c : columns) {
            String v = value(values, c);
            if (v != null) {
                out.append(out.length() == 0 ? "" : " ").append(v);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private void write(List<LinkageRecord> records, LinkageResult result) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), 1 << 20)) {
            StringBuilder line = new StringBuilder(128);
            line.append("record_id,cluster_id\n");
            for (int i = 0; i < records.size(); i++) {
                text(line, records.get(i).id());
                line.append(',');
                text(line, records.get(result.clusterOf(i)).id());
                line.append('\n');
                if (line.length() > 8192) {
                    out.append(line);
                    line.setLength(0);
                }
            }
            out.append(line);
        }
        if (pairsOutput == null) {
            return;
        }
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(pairsOutput, StandardCharsets.UTF_8), 1 << 20)) {
            StringBuilder line = new StringBuilder(256);
            line.append("left_id,right_id,match_weight,match_probability,decision,conflict\n");
            for (int k = 0; k < result.pairCount(); k++) {
                ScoredPair p = result.pair(k);
                text(line, records.get(p.left()).id());
                line.append(',');
                text(line, records.get(p.right()).id());
                line.append(',').append(Math.round(p.weight() * 1000) / 1000.0).append(',')
                        .append(Math.round(p.probability() * 1_000_000) / 1_000_000.0).append(',')
                        .append(p.decision().name().toLowerCase(Locale.ROOT)).append(',')
                        .append(p.conflict().name().toLowerCase(Locale.ROOT)).append('\n');
                if (line.length() > 8192) {
                    out.append(line);
                    line.setLength(0);
                }
            }
            out.append(line);
        }
    }

    /** A CSV value, quoted only when it holds a comma, quote or line break. */
    static void text(StringBuilder out, String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    static String bar(String stage, long done, long total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        StringBuilder line = new StringBuilder(80).append("link ").append(String.format(Locale.ROOT, "%-11s", stage))
                .append(" [");
        for (int i = 0; i < width; i++) {
            line.append(i < filled ? '#' : '.');
        }
        return line.append("] ").append(100 * done / Math.max(1, total)).append("% ").append(done).append('/')
                .append(total).append("   ").toString();
    }
}
