package uk.contactpoint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.springframework.core.env.Profiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.contactpoint.synthetic.UsageReport;
import uk.contactpoint.synthetic.UsageSimulator;

/**
 * Simulates days of practitioners' use of the directory, with seeded misuse, runs the misuse rules over it and
 * reports how each rule did (ADR 31). Writes simulated accounts and audit events that cannot be removed, so
 * it refuses the prod profile.
 */
@Command(name = "simulate-usage", mixinStandardHelpOptions = true,
        description = {"Simulate practitioners using the directory over days, with seeded misuse, run the misuse rules over it "
                + "and report each rule's alerts, the misuse it caught and its false alarms.",
                "Adds simulated accounts and audit events for good: run it on a demo or throwaway database. "
                        + "Generates the demo directory first when the directory is empty."})
class SimulateUsageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--users", defaultValue = "500", paramLabel = "N", description = "Simulated practitioners. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--days", defaultValue = "7", paramLabel = "D", description = "Calendar days, ending yesterday. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--misusers", defaultValue = "20", paramLabel = "M",
            description = "Users seeded with one misuse each, spread over the six rules. Default: ${DEFAULT-VALUE}.")
    int misusers;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--last-day", paramLabel = "YYYY-MM-DD", description = "The last simulated day. Default: yesterday.")
    LocalDate lastDay;

    @Option(names = "--children", defaultValue = "3000", paramLabel = "N",
            description = "Children of the demo directory generated when the directory is empty. Default: ${DEFAULT-VALUE}.")
    int children;

    @Option(names = "--report", defaultValue = "docs/misuse-simulation.md", paramLabel = "FILE",
            description = "Where to write the markdown report. Default: ${DEFAULT-VALUE}.")
    Path report;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Override
    public Integer call() {
        picocli.CommandLine cli = spec.commandLine();
        UsageSimulator.Settings settings;
        try {
            settings = new UsageSimulator.Settings(users, days, seed, misusers, children, lastDay);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage());
        }
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        return DatabaseJob.run(options.springArgs(), context -> {
            if (context.getEnvironment().acceptsProfiles(Profiles.of("prod"))) {
                err.println("simulate-usage: refused under the prod profile: it adds accounts and audit events that cannot be removed");
                return 1;
            }
            String url = context.getEnvironment().getProperty("spring.datasource.url", "");
            String database = url.startsWith("jdbc:postgresql") ? "PostgreSQL" : url.startsWith("jdbc:h2") ? "H2 (file)" : "database";
            UsageSimulator.Result result;
            long started = System.nanoTime();
            try {
                result = context.getBean(UsageSimulator.class).run(settings, new UsageSimulator.Progress() {
                    @Override
                    public void phase(String what) {
                        err.printf(Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
                    }

                    @Override
                    public void day(LocalDate day, int done, int of, long events, long alerts) {
                        err.printf(Locale.ROOT, "[%5.1f s] day %d of %d (%s): %,d events written, %,d alerts raised so far%n",
                                (System.nanoTime() - started) / 1e9, done, of, day, events, alerts);
                    }
                });
            } catch (IllegalStateException e) {
                err.println("simulate-usage: " + e.getMessage());
                return 1;
            }
            String command = String.format(Locale.ROOT, "simulate-usage --users %d --days %d --misusers %d --seed %d%s", users, days,
                    misusers, seed, lastDay == null ? "" : " --last-day " + lastDay);
            String machine = String.format(Locale.ROOT, "%d cores (load average %.1f at the end, other work included), Java %s, %s %s, %s",
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"), database);
            try {
                Path parent = report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(report, UsageReport.markdown(result, command, machine), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("simulate-usage: cannot write the report to " + report + ": " + e.getMessage());
                return 1;
            }
            out.print(UsageReport.summary(result));
            out.println("Report: " + report);
            return 0;
        });
    }
}
