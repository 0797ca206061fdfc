package uk.contactpoint.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** Options every database command shares: where the data is and which profile to run with. */
class SpringOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the embedded H2 database (default: ./data, or CONTACTPOINT_DATA_DIR).")
    String dataDir;

    @Option(names = "--profile", paramLabel = "NAME", description = "Spring profile, e.g. prod for PostgreSQL.")
    String profile;

    List<String> springArgs() {
        List<String> args = new ArrayList<>();
        if (dataDir != null) {
            args.add("--contactpoint.data-dir=" + dataDir);
        }
        if (profile != null) {
            args.add("--spring.profiles.active=" + profile);
        }
        return args;
    }
}
