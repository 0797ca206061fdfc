package uk.contactpoint.cli;

import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Upn;

/** Checks one identifier offline: exit 0 and the normalised form when valid, 1 and the reason when not. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a ContactPoint ID, NHS number, UPN or postcode, and print its normalised form.")
class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static class Which {
        @Option(names = "--contactpoint-id", paramLabel = "ID", description = "A ContactPoint ID (12 digits).")
        String contactPointId;
        @Option(names = "--nhs-number", paramLabel = "NUMBER", description = "An NHS number (10 digits).")
        String nhsNumber;
        @Option(names = "--upn", paramLabel = "UPN", description = "A Unique Pupil Number (13 characters).")
        String upn;
        @Option(names = "--postcode", paramLabel = "POSTCODE", description = "A UK postcode.")
        String postcode;
    }

    @Override
    public Integer call() {
        if (which.contactPointId != null) {
            return check(which.contactPointId, s -> new ContactPointId(s).formatted());
        }
        if (which.nhsNumber != null) {
            return check(which.nhsNumber, s -> new NhsNumber(s).formatted());
        }
        if (which.upn != null) {
            return check(which.upn, s -> new Upn(s).value());
        }
        return check(which.postcode, s -> new Postcode(s).value());
    }

    private int check(String input, Function<String, String> parse) {
        try {
            spec.commandLine().getOut().println(parse.apply(input));
            return 0;
        } catch (InvalidValueException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
