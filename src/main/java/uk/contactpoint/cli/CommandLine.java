package uk.contactpoint.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Command;

/**
 * Entry point of the command line. Decides whether arguments name a job, and runs it with picocli:
 * exit code 0 on success, 1 on failure, 2 on a usage error.
 */
@Command(name = "contactpoint", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "ContactPoint, England's national children's directory. With no command, runs the service.",
        subcommands = {ValidateCommand.class, MigrateCommand.class, StatusCommand.class, GenerateCommand.class, LoadPopulationCommand.class,
                AuditVerifyCommand.class, RotateFieldKeysCommand.class, RotateTotpKeysCommand.class, LinkCommand.class, IngestCommand.class, SuppliersCommand.class, SimulateUsageCommand.class})
public final class CommandLine {

    /** Whether these arguments name a command (or ask for help) rather than configure the service. */
    public static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return !first.startsWith("--") || first.equals("--help") || first.equals("--version");
    }

    /** The Spring application that database commands start (passed in, so this module need not know it). */
    static volatile Class<?> application;

    public static int run(String[] args, Class<?> applicationClass) {
        application = applicationClass;
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        picocli.CommandLine cli = new picocli.CommandLine(new CommandLine());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("Error: " + e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }
}
