package uk.contactpoint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: whatever bytes the CSV file given to {@code link --input} holds, the command either links its records
 * (exit 0, a clusters file with its header) or refuses the file with a usage error naming it (exit 2, the
 * refusal the command documents); never any other exception (exit 1, "Error: ..." with no way forward), and
 * never a hang. The whole command runs, so the linker is fuzzed on the records the reader lets through.
 * Replays the committed seeds (plain CSV files) in a plain test run; fuzzes with JAZZER_FUZZ=1.
 */
class LinkInputFuzzTest {

    private static final Path DIRECTORY = temporaryDirectory();
    private static final Path INPUT = DIRECTORY.resolve("input.csv");
    private static final Path CLUSTERS = DIRECTORY.resolve("clusters.csv");
    private static final Path PAIRS = DIRECTORY.resolve("pairs.csv");

    /** Every field mapped, an address joined from two columns and two identifier kinds, as in the seeds' header. */
    private static final String[] ARGS = {"--input", INPUT.toString(), "--id-column", "id",
            "--map", "given_name=given", "--map", "family_name=family", "--map", "date_of_birth=dob", "--map", "sex=sex",
            "--map", "postcode=postcode", "--map", "address=line1+line2", "--map", "locality=town",
            "--map", "identifier=nhs_number", "--map", "identifier=upn",
            "--output", CLUSTERS.toString(), "--pairs", PAIRS.toString()};

    private static final StringWriter ERR = new StringWriter();
    private static final AtomicReference<Exception> UNEXPECTED = new AtomicReference<>();
    /** One command line for every input (picocli resets the options on each parse): fuzzing spends its time on the CSV. */
    private static final picocli.CommandLine CLI = commandLine();

    @FuzzTest(maxDuration = "30s")
    void shouldLinkAnyCsvOrRefuseItWithAUsageErrorNamingTheFile(FuzzedDataProvider data) throws IOException {
        Files.write(INPUT, data.consumeRemainingAsBytes());
        Files.deleteIfExists(CLUSTERS);
        ERR.getBuffer().setLength(0);
        UNEXPECTED.set(null);

        int exit = CLI.execute(ARGS);

        Exception unexpected = UNEXPECTED.get();
        if (unexpected != null) {
            throw new AssertionError("not a usage error: " + unexpected, unexpected);
        }
        String err = ERR.toString();
        if (exit == 0) {
            List<String> clusters = Files.readAllLines(CLUSTERS, StandardCharsets.UTF_8);
            if (clusters.isEmpty() || !clusters.get(0).equals("record_id,cluster_id")) {
                throw new AssertionError("linked, but the clusters file has no header");
            }
        } else if (exit != 2 || !err.contains("--input " + INPUT + ": ")) {
            throw new AssertionError("exit " + exit + " without a refusal naming the input: " + err);
        }
    }

    @AfterAll
    static void removeFiles() throws IOException {
        for (Path p : List.of(INPUT, CLUSTERS, PAIRS, DIRECTORY)) {
            Files.deleteIfExists(p);
        }
    }

    private static picocli.CommandLine commandLine() {
        picocli.CommandLine cli = new picocli.CommandLine(new LinkCommand());
        cli.setOut(new PrintWriter(Writer.nullWriter()));
        cli.setErr(new PrintWriter(ERR, true));
        // the application's handler turns any exception into exit 1 and its message: keep it to report it
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            UNEXPECTED.set(e);
            return 1;
        });
        return cli;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("link-input-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
