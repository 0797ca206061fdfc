package uk.contactpoint.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.contactpoint.ingest.FeedIngestion;
import uk.contactpoint.ingest.FeedReader;
import uk.contactpoint.ingest.FeedRecord;
import uk.contactpoint.ingest.FeedRefusedException;
import uk.contactpoint.ingest.FeedRow;
import uk.contactpoint.ingest.FeedSource;
import uk.contactpoint.ingest.IngestSummary;
import uk.contactpoint.ingest.OrganisationIngestion;
import uk.contactpoint.ingest.OrganisationLoadSummary;
import uk.contactpoint.ingest.OrganisationReader;
import uk.contactpoint.ingest.ReferenceSource;
import uk.contactpoint.ingest.Reject;
import uk.contactpoint.ingest.SupplierRegister;

/**
 * Reads a supplier's feed, validates every row and writes the reject report; without {@code --dry-run} it
 * applies the good rows to the directory (a database job, ADR 13). The organisation reference files (GIAS
 * schools, ODS GP practices) go the same way, each file in one transaction (ADR 16). The dry run starts neither
 * Spring nor the database. With {@code --supplier} the applied batch is recorded against that registered supplier.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Validate a supplier feed, write its reject report (row,field,reason) and, without --dry-run, "
                + "apply its good rows to the directory: link, new child, review queue or quarantine (ADR 13); or "
                + "load schools (GIAS edubasealldata) or GP practices (ODS epraccur) as organisations (ADR 16).")
class IngestCommand implements Callable<Integer> {

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 250_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "SOURCE",
            description = "The feed: births, school-census, child-benefit, nhs-demographics or la-services; or the "
                    + "organisation reference file: schools (GIAS edubasealldata) or gp-practices (ODS epraccur).")
    String source;

    @Option(names = "--file", required = true, paramLabel = "F",
            description = "The feed file (UTF-8 CSV with its header), or the reference file in its publisher's layout "
                    + "(UTF-8 or Windows-1252).")
    Path file;

    @Option(names = "--supplier", paramLabel = "CODE",
            description = "Record the applied batch against this registered supplier (see 'suppliers add'); it must "
                    + "be registered for the source.")
    String supplier;

    @Option(names = "--dry-run", description = "Validate and report only; change nothing.")
    boolean dryRun;

    @Option(names = "--rejects", paramLabel = "R.csv",
            description = "Where to write the reject report. Default: F.rejects.csv next to the feed.")
    Path rejects;

    @Option(names = "--chunk-rows", paramLabel = "N", defaultValue = "" + FeedIngestion.DEFAULT_CHUNK_ROWS,
            description = "Rows applied per transaction (default ${DEFAULT-VALUE}); a re-run resumes after the last "
                    + "committed chunk.")
    int chunkRows;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Override
    public Integer call() throws IOException {
        picocli.CommandLine cli = spec.commandLine();
        java.util.Optional<ReferenceSource> reference = ReferenceSource.fromCliName(source);
        FeedSource feed = reference.isPresent() ? null : FeedSource.fromCliName(source).orElseThrow(() ->
                new ParameterException(cli, "--source: no feed is called '" + source + "'; use one of "
                        + FeedSource.cliNames() + ", " + ReferenceSource.cliNames()));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ParameterException(cli, "--file: " + file + " does not exist or cannot be read");
        }
        Path report = rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.csv");
        if (reference.isPresent()) {
            return dryRun ? validateOrganisations(cli, reference.get(), report)
                    : applyOrganisations(cli, reference.get(), report);
        }
        if (!dryRun) {
            if (chunkRows < 1) {
                throw new ParameterException(cli, "--chunk-rows: give a number of rows of at least 1");
            }
            return apply(cli, feed, report);
        }

        PrintWriter err = cli.getErr();
        long size = Files.size(file);
        long started = System.nanoTime();
        long lastDrawn = 0;
        long good = 0;
        long rejected = 0;
        Map<String, Long> byReason = new TreeMap<>();
        try (FeedReader reader = FeedReader.open(feed, file, LocalDate.now());
             BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            out.write("row,field,reason\n");
            FeedRow row;
            while ((row = reader.next()) != null) {
                if (row instanceof FeedRecord record) {
                    // Standardised now, though nothing uses it yet, so that the dry run's rate includes that cost.
                    record.toLinkageRecord();
                    good++;
                } else if (row instanceof Reject reject) {
                    rejected++;
                    byReason.merge(reject.kind(), 1L, Long::sum);
                    out.write(Long.toString(reject.row()));
                    out.write(',');
                    out.write(reject.field());
                    out.write(',');
                    out.write(csv(reject.reason()));
                    out.write('\n');
                }
                if ((reader.rowsRead() & 0x3FFF) == 0) {
                    long now = System.nanoTime();
                    if (now - started > QUIET_NANOS && now - lastDrawn > REDRAW_NANOS) {
                        lastDrawn = now;
                        err.print("\r" + bar(feed, reader.bytesRead(), size, reader.rowsRead(), now - started));
                        err.flush();
                    }
                }
            }
        } catch (FeedRefusedException e) {
            Files.deleteIfExists(report);
            throw new ParameterException(cli, e.getMessage());
        }
        long elapsed = Math.max(1, System.nanoTime() - started);
        if (lastDrawn != 0) {
            err.print("\r" + bar(feed, size, size, good + rejected, elapsed));
            err.println();
        }
        long rows = good + rejected;
        PrintWriter out = cli.getOut();
        if (supplier != null) {
            out.println("A dry run records no batch: --supplier is used only when the file is applied.");
        }
        out.println("Dry run of the " + feed.cliName() + " feed " + file + ": nothing was written to the directory.");
        out.println("Rows read " + rows + ", good " + good + ", rejected " + rejected + ", in "
                + elapsed / 1_000_000 + " ms (" + rows * 1_000_000_000L / elapsed + " rows/s).");
        printReasons(out, byReason);
        out.println("Reject report: " + report);
        return 0;
    }

    private int apply(picocli.CommandLine cli, FeedSource feed, Path report) throws IOException {
        PrintWriter err = cli.getErr();
        PrintWriter out = cli.getOut();
        long size = Files.size(file);
        long started = System.nanoTime();
        Map<String, Long> byReason = new TreeMap<>();
        try (BufferedWriter reportOut = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            reportOut.write("row,field,reason\n");
            return DatabaseJob.run(options.springArgs(), context -> {
                checkSupplier(cli, context, feed.cliName());
                FeedIngestion ingestion = context.getBean(FeedIngestion.class);
                IngestSummary s;
                try {
                    s = ingestion.apply(feed, file, chunkRows, LocalDate.now(), reject -> {
                        byReason.merge(reject.kind(), 1L, Long::sum);
                        try {
                            reportOut.write(reject.row() + "," + reject.field() + "," + csv(reject.reason()) + "\n");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, (rows, bytes) -> {
                        long now = System.nanoTime();
                        if (now - started > QUIET_NANOS) {
                            err.print("\r" + bar(feed, bytes, size, rows, now - started));
                            err.flush();
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (FeedRefusedException e) {
                    throw new ParameterException(cli, e.getMessage());
                }
                if (System.nanoTime() - started > QUIET_NANOS) {
                    err.println();
                }
                if (s.alreadyApplied()) {
                    out.println("The " + feed.cliName() + " file " + file + " was already applied (batch " + s.batchId()
                            + ", same SHA-256): nothing was changed.");
                } else {
                    out.println("Applied the " + feed.cliName() + " feed " + file + " as batch " + s.batchId()
                            + (s.resumedAfterRow() > 0 ? ", resuming after row " + s.resumedAfterRow() : "") + ".");
                }
                out.println("Rows read " + s.rowsRead() + ", good " + s.good() + ", rejected " + s.rejected()
                        + "; linked " + s.linked() + ", new children " + s.created() + ", for review " + s.review()
                        + ", quarantined " + s.quarantined() + ".");
                out.println("This run: " + s.rowsThisRun() + " rows in " + s.millis() + " ms (" + s.rowsPerSecond()
                        + " rows/s).");
                recordSupplier(context, s.batchId(), out);
                printReasons(out, byReason);
                out.println("Reject report: " + report);
                return 0;
            });
        } catch (ParameterException e) {
            Files.deleteIfExists(report);
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Organisation reference files (ADR 16)

    /** A dry run of a reference file: validation only, no database, like a feed's. */
    private int validateOrganisations(picocli.CommandLine cli, ReferenceSource reference, Path report) throws IOException {
        PrintWriter err = cli.getErr();
        long size = Files.size(file);
        long started = System.nanoTime();
        long lastDrawn = 0;
        long good = 0;
        long rejected = 0;
        long skipped = 0;
        Map<String, Long> byReason = new TreeMap<>();
        String charset;
        try (OrganisationReader reader = OrganisationReader.open(reference, file);
             BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            charset = reader.charset().name();
            out.write("row,field,reason\n");
            OrganisationReader.Row row;
            while ((row = reader.next()) != null) {
                if (row instanceof OrganisationReader.Good) {
                    good++;
                } else if (row instanceof OrganisationReader.Rejected r) {
                    rejected++;
                    byReason.merge(r.reject().kind(), 1L, Long::sum);
                    writeReject(out, r.reject());
                } else {
                    skipped++;
                }
                if ((reader.rowsRead() & 0x3FF) == 0) {
                    long now = System.nanoTime();
                    if (now - started > QUIET_NANOS && now - lastDrawn > REDRAW_NANOS) {
                        lastDrawn = now;
                        err.print("\r" + bar(reference.cliName(), reader.bytesRead(), size, reader.rowsRead(),
                                now - started));
                        err.flush();
                    }
                }
            }
        } catch (FeedRefusedException e) {
            Files.deleteIfExists(report);
            throw new ParameterException(cli, e.getMessage());
        }
        long elapsed = Math.max(1, System.nanoTime() - started);
        if (lastDrawn != 0) {
            err.print("\r" + bar(reference.cliName(), size, size, good + rejected + skipped, elapsed));
            err.println();
        }
        PrintWriter out = cli.getOut();
        if (supplier != null) {
            out.println("A dry run records no batch: --supplier is used only when the file is applied.");
        }
        out.println("Dry run of the " + reference.cliName() + " file " + file + " (read as " + charset
                + "): nothing was written to the directory.");
        out.println("Rows read " + (good + rejected + skipped) + ", good " + good + ", rejected " + rejected
                + ", skipped " + skipped + ", in " + elapsed / 1_000_000 + " ms.");
        printReasons(out, byReason);
        out.println("Reject report: " + report);
        return 0;
    }

    /** Applies a reference file in one transaction and, with --supplier, records the batch against the supplier. */
    private int applyOrganisations(picocli.CommandLine cli, ReferenceSource reference, Path report) throws IOException {
        PrintWriter err = cli.getErr();
        PrintWriter out = cli.getOut();
        long size = Files.size(file);
        long started = System.nanoTime();
        Map<String, Long> byReason = new TreeMap<>();
        try (BufferedWriter reportOut = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            reportOut.write("row,field,reason\n");
            return DatabaseJob.run(options.springArgs(), context -> {
                checkSupplier(cli, context, reference.cliName());
                // The rate counts from here: the application's start is not the file's.
                long applying = System.nanoTime();
                OrganisationLoadSummary s;
                try {
                    s = context.getBean(OrganisationIngestion.class).apply(reference, file, LocalDate.now(), reject -> {
                        byReason.merge(reject.kind(), 1L, Long::sum);
                        try {
                            writeReject(reportOut, reject);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, (rows, bytes) -> {
                        long now = System.nanoTime();
                        if (now - started > QUIET_NANOS) {
                            err.print("\r" + bar(reference.cliName(), bytes, size, rows, now - applying));
                            err.flush();
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (FeedRefusedException e) {
                    throw new ParameterException(cli, e.getMessage());
                }
                if (System.nanoTime() - started > QUIET_NANOS) {
                    err.println();
                }
                if (s.alreadyApplied()) {
                    out.println("The " + reference.cliName() + " file " + file + " was already applied (batch "
                            + s.batchId() + ", same SHA-256): nothing was changed.");
                } else {
                    out.println("Applied the " + reference.cliName() + " file " + file + " as batch " + s.batchId()
                            + ", in one transaction.");
                }
                out.println("Rows read " + s.rowsRead() + ", good " + s.good() + ", rejected " + s.rejected()
                        + ", skipped " + s.skipped() + "; organisations added " + s.added() + ", updated " + s.updated()
                        + ", unchanged " + s.unchanged() + ".");
                out.println("This run: " + s.millis() + " ms (" + s.rowsPerSecond() + " rows/s).");
                recordSupplier(context, s.batchId(), out);
                printReasons(out, byReason);
                out.println("Reject report: " + report);
                return 0;
            });
        } catch (ParameterException e) {
            Files.deleteIfExists(report);
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // --supplier: checked before anything is applied, the batch recorded after (a call of its own, so that
    // applying a file knows nothing of the register)

    private void checkSupplier(picocli.CommandLine cli, org.springframework.context.ApplicationContext context,
            String sourceName) {
        if (supplier == null) {
            return;
        }
        try {
            context.getBean(SupplierRegister.class).checkSupplies(supplier, sourceName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, "--supplier: " + e.getMessage());
        }
    }

    private void recordSupplier(org.springframework.context.ApplicationContext context, long batchId, PrintWriter out) {
        if (supplier == null) {
            return;
        }
        context.getBean(SupplierRegister.class).recordBatch(batchId, supplier);
        out.println("Batch " + batchId + " recorded against the supplier " + supplier.trim().toUpperCase(Locale.ROOT)
                + ".");
    }

    private static void writeReject(BufferedWriter out, Reject reject) throws IOException {
        out.write(reject.row() + "," + csv(reject.field()) + "," + csv(reject.reason()) + "\n");
    }

    private static void printReasons(PrintWriter out, Map<String, Long> byReason) {
        if (!byReason.isEmpty()) {
            out.println("Rejected by reason:");
            byReason.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.println(String.format(Locale.ROOT, "  %8d  %s", e.getValue(), e.getKey())));
        }
    }

    /** RFC 4180 quoting for a report field. */
    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static String bar(FeedSource feed, long done, long total, long rows, long elapsedNanos) {
        return bar(feed.cliName(), done, total, rows, elapsedNanos);
    }

    static String bar(String source, long done, long total, long rows, long elapsedNanos) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        long perSecond = elapsedNanos <= 0 ? 0 : rows * 1_000_000_000L / elapsedNanos;
        StringBuilder line = new StringBuilder(96).append("ingest ").append(source).append(" [");
        for (int i = 0; i < width; i++) {
            line.append(i < filled ? '#' : '.');
        }
        return line.append("] ").append(100 * done / Math.max(1, total)).append("% ").append(rows)
                .append(" rows, ").append(perSecond).append(" rows/s").toString();
    }
}
