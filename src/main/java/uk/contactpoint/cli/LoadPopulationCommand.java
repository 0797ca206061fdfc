package uk.contactpoint.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import uk.contactpoint.directory.BulkLoad;
import uk.contactpoint.synthetic.PopulationLoader;

/** Puts a generated population straight into the configured database (COPY on PostgreSQL). */
@Command(name = "load-population", mixinStandardHelpOptions = true,
        description = "Load the true population written by 'generate' (DIR/truth/) into an empty directory, "
                + "without matching, and report rows/s and the database size.")
class LoadPopulationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The --out directory of generate.")
    Path from;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Override
    public Integer call() {
        if (!Files.isDirectory(from.resolve("truth"))) {
            throw new ParameterException(spec.commandLine(), "--from: " + from + " has no truth/ directory; "
                    + "give the --out directory of the generate command");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return DatabaseJob.run(options.springArgs(), context -> {
            PopulationLoader loader = context.getBean(PopulationLoader.class);
            try {
                PopulationLoader.Report report = loader.load(from, (table, rows, total) ->
                        err.printf("loaded %-18s %,12d rows (%,d in all)%n", table, rows, total));
                out.printf("Loaded %,d rows in %,d ms: %,d rows/s%n", report.totalRows(), report.millis(),
                        report.rowsPerSecond());
                report.rows().forEach((table, rows) -> out.printf("  %-18s %,12d%n", table, rows));
                // COPY writes rows as given: shielded children's addresses and sensitive services are sealed now (ADR 26)
                out.printf("Sealed %,d rows (shielded children, their carers, sensitive services)%n",
                        context.getBean(uk.contactpoint.safeguards.ProtectedFields.class).sealExisting());
                context.getBean(BulkLoad.class).databaseSize()
                        .ifPresent(size -> out.printf("Database size: %,d MB%n", size / (1024 * 1024)));
                return 0;
            } catch (IllegalStateException | UncheckedIOException e) {
                err.println("load-population: " + e.getMessage());
                return 1;
            }
        });
    }
}
