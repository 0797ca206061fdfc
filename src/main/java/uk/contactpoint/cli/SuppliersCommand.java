package uk.contactpoint.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.contactpoint.ingest.SupplierRegister;
import uk.contactpoint.ingest.SupplierRegister.Frequency;
import uk.contactpoint.ingest.SupplierRegister.Obligation;
import uk.contactpoint.ingest.SupplierRegister.Supplier;
import uk.contactpoint.ingest.SupplierRegister.Supply;

/** The supplier register (ADR 16): who must or may supply which source, for which authorities, how often. */
@Command(name = "suppliers", mixinStandardHelpOptions = true,
        description = "The register of data suppliers: list them, add or amend one, list the overdue ones.",
        subcommands = {SuppliersCommand.ListSuppliers.class, SuppliersCommand.Add.class, SuppliersCommand.Overdue.class})
class SuppliersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: list, add or overdue");
    }

    static String describe(Supply s) {
        return s.source() + " " + s.obligation().name().toLowerCase() + " " + s.frequency().name().toLowerCase()
                + " for " + (s.localAuthorities().isEmpty() ? "all of England" : String.join(",", s.localAuthorities()))
                + "; last batch " + (s.lastBatchId() == null ? "none" : s.lastBatchId() + " on " + s.lastBatchOn())
                + ", due by " + s.due();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every supplier with each source it sends, its last batch and when the next is due.")
    static class ListSuppliers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        SpringOptions options = new SpringOptions();

        @Override
        public Integer call() {
            return DatabaseJob.run(options.springArgs(), context -> {
                PrintWriter out = spec.commandLine().getOut();
                List<Supplier> suppliers = context.getBean(SupplierRegister.class).all();
                LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/London"));
                if (suppliers.isEmpty()) {
                    out.println("No suppliers are registered: add one with 'suppliers add'.");
                }
                for (Supplier s : suppliers) {
                    out.println(s.code() + "  " + s.name());
                    for (Supply supply : s.supplies()) {
                        out.println("  " + describe(supply) + (supply.overdue(today) ? "  OVERDUE" : ""));
                    }
                }
                return 0;
            });
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a supplier for a source, or amend its entry for that source (obligation, "
                    + "frequency, authorities).")
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--code", required = true, paramLabel = "CODE",
                description = "The supplier's code: 2-40 letters, digits, '-' or '_' (e.g. NHS-PDS, LA-E08000035).")
        String code;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The supplier's name.")
        String name;

        @Option(names = "--source", required = true, paramLabel = "SOURCE",
                description = "births, school-census, child-benefit, nhs-demographics, la-services, schools or "
                        + "gp-practices.")
        String source;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Duty duty;

        static class Duty {
            @Option(names = "--must", required = true, description = "The supplier must supply and keep it current.")
            boolean must;
            @Option(names = "--may", required = true, description = "The supplier may supply.")
            boolean may;
        }

        @Option(names = "--frequency", required = true, paramLabel = "F",
                description = "daily, weekly, monthly, termly (4 months at most) or annually.")
        String frequency;

        @Option(names = "--la", split = ",", paramLabel = "GSS",
                description = "The authorities supplied for (GSS or 3-letter codes); none for all of England.")
        List<String> localAuthorities = new ArrayList<>();

        @Mixin
        SpringOptions options = new SpringOptions();

        @Override
        public Integer call() {
            picocli.CommandLine cli = spec.commandLine();
            if (!SupplierRegister.sources().contains(source)) {
                throw new ParameterException(cli, "--source: no source is called '" + source + "'; use one of "
                        + String.join(", ", SupplierRegister.sources()));
            }
            Frequency f = Frequency.of(frequency).orElseThrow(() -> new ParameterException(cli,
                    "--frequency: use daily, weekly, monthly, termly or annually"));
            return DatabaseJob.run(options.springArgs(), context -> {
                Supplier s;
                try {
                    s = context.getBean(SupplierRegister.class).register(code, name, source,
                            duty.must ? Obligation.MUST : Obligation.MAY, f, localAuthorities,
                            System.getProperty("user.name", "unknown"), "contactpoint-cli");
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(cli, e.getMessage());
                }
                PrintWriter out = cli.getOut();
                out.println("Registered " + s.code() + "  " + s.name());
                for (Supply supply : s.supplies()) {
                    out.println("  " + describe(supply));
                }
                return 0;
            });
        }
    }

    @Command(name = "overdue", mixinStandardHelpOptions = true,
            description = "Suppliers who must supply and whose last batch is older than their frequency allows. "
                    + "Exit 0 whether or not any are overdue.")
    static class Overdue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The day to judge by. Default: today.")
        LocalDate asOf;

        @Mixin
        SpringOptions options = new SpringOptions();

        @Override
        public Integer call() {
            return DatabaseJob.run(options.springArgs(), context -> {
                PrintWriter out = spec.commandLine().getOut();
                LocalDate today = asOf != null ? asOf : LocalDate.now(java.time.ZoneId.of("Europe/London"));
                List<SupplierRegister.Overdue> overdue = context.getBean(SupplierRegister.class).overdue(today);
                if (overdue.isEmpty()) {
                    out.println("No supplier is overdue on " + today + ".");
                }
                for (SupplierRegister.Overdue o : overdue) {
                    out.println(o.supplierCode() + "  " + o.supplierName() + ": " + describe(o.supply()));
                }
                return 0;
            });
        }
    }
}
