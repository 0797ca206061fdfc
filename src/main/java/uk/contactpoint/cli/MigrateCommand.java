package uk.contactpoint.cli;

import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Brings the database schema up to date and reports its version. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or update the database schema (Flyway) and print its version.")
class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Override
    public Integer call() {
        return DatabaseJob.run(options.springArgs(), context -> {
            Flyway flyway = context.getBean(Flyway.class);
            var current = flyway.info().current();
            spec.commandLine().getOut().println("Schema is at version " + (current == null ? "none" : current.getVersion()));
            return 0;
        });
    }
}
