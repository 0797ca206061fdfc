package uk.contactpoint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.contactpoint.synthetic.EnglandGenerator;

/**
 * Writes a synthetic England: the truth population and the five source feeds (docs/feeds.md). Runs without
 * Spring, the database or the web server.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a synthetic population of children and the five source feeds, with seeded errors "
                + "and the ground truth (see docs/feeds.md).")
class GenerateCommand implements Callable<Integer> {

    // Below this the run is over before a progress bar would help.
    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 250_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--children", required = true, paramLabel = "N", description = "How many children (1 to 40,000,000).")
    long children;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Random seed; the same seed and date give the same files. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory, created if missing.")
    Path out;

    @Option(names = "--local-authorities", split = ",", paramLabel = "CODE",
            description = "Only these authorities (GSS codes such as E08000035 or register codes such as LDS).")
    List<String> localAuthorities = new ArrayList<>();

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The date the population is generated for (ages, start dates, feed windows). Default: today.")
    LocalDate asOf;

    @Override
    public Integer call() throws IOException {
        picocli.CommandLine cli = spec.commandLine();
        if (children < 1 || children > EnglandGenerator.MAX_CHILDREN) {
            throw new ParameterException(cli, "--children must be between 1 and " + EnglandGenerator.MAX_CHILDREN
                    + " (was " + children + ")");
        }
        List<String> unknown = EnglandGenerator.unknownAuthorities(localAuthorities);
        if (!unknown.isEmpty()) {
            throw new ParameterException(cli, "--local-authorities: no children's services authority has the code "
                    + String.join(", ", unknown) + "; give GSS codes (E06, E08, E09, E10) or 3-letter register codes");
        }
        checkWritable(cli);

        PrintWriter err = cli.getErr();
        long started = System.nanoTime();
        long[] lastDrawn = {0};
        EnglandGenerator.Result result = EnglandGenerator.generate(
                new EnglandGenerator.Request(children, seed, localAuthorities, out,
                        asOf != null ? asOf : LocalDate.now()),
                (done, total) -> {
                    long now = System.nanoTime();
                    if (now - started > QUIET_NANOS && (now - lastDrawn[0] > REDRAW_NANOS || done == total)) {
                        lastDrawn[0] = now;
                        err.print("\r" + bar(done, total, now - started));
                        err.flush();
                    }
                });
        long elapsed = System.nanoTime() - started;
        if (lastDrawn[0] != 0) {
            err.println();
        }
        cli.getOut().println("Generated " + result.children() + " children in " + (elapsed / 1_000_000) + " ms into "
                + out.toAbsolutePath().normalize() + "; feed rows " + result.feedRows());
        return 0;
    }

    private void checkWritable(picocli.CommandLine cli) {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".generate", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ParameterException(cli, "--out: cannot write to " + out + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    static String bar(long done, long total, long elapsedNanos) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        long perSecond = elapsedNanos <= 0 ? 0 : done * 1_000_000_000L / elapsedNanos;
        StringBuilder line = new StringBuilder(80).append("generate [");
        for (int i = 0; i < width; i++) {
            line.append(i < filled ? '#' : '.');
        }
        return line.append("] ").append(100 * done / Math.max(1, total)).append("% ").append(done).append('/')
                .append(total).append(" children, ").append(perSecond).append(" children/s").toString();
    }
}
