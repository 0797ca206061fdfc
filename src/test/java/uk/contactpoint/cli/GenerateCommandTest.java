package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLine.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldWriteTheFeedsAndTruthIntoANewDirectory() {
        Path dir = temp.resolve("new/nested");

        int exit = run("generate", "--children", "300", "--seed", "7", "--out", dir.toString(),
                "--local-authorities", "LDS", "--as-of", "2026-03-15");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Generated 300 children");
        for (String file : new String[] {"births.csv", "school-census.csv", "child-benefit.csv", "nhs-demographics.csv",
                "la-services.csv", "truth/children.csv", "truth/feed-rows.csv"}) {
            assertThat(dir.resolve(file)).isRegularFile();
        }
        // Short runs stay quiet: no progress bar on stderr.
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldRefuseFewerThanOneChildWithAUsageError() {
        int exit = run("generate", "--children", "0", "--out", temp.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--children must be between 1 and");
    }

    @Test
    void shouldRefuseAnUnknownLocalAuthorityWithAUsageError() {
        int exit = run("generate", "--children", "10", "--out", temp.toString(), "--local-authorities", "E08000035,XYZ");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no children's services authority has the code XYZ");
        assertThat(temp.resolve("births.csv")).doesNotExist();
    }

    @Test
    void shouldRefuseAnOutputDirectoryItCannotWrite() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");

        int exit = run("generate", "--children", "10", "--out", file.resolve("sub").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--out: cannot write to");
    }

    @Test
    void shouldRequireTheOutputDirectory() {
        assertThat(run("generate", "--children", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
    }

    @Test
    void shouldDrawAProgressBarWithThePercentageAndRate() {
        assertThat(GenerateCommand.bar(250, 1000, 1_000_000_000L))
                .isEqualTo("generate [#######.......................] 25% 250/1000 children, 250 children/s");
    }
}
