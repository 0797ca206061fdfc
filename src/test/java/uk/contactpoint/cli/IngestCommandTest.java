package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.ingest.FeedSource;

class IngestCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path feed;

    private int run(String... args) {
        return CommandLine.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeEach
    void writeFeed() throws IOException {
        feed = temp.resolve("nhs.csv");
        Files.writeString(feed, String.join(",", FeedSource.NHS_DEMOGRAPHICS.header()) + "\n"
                + "9993018147,Amelia,,Smith,2016-05-04,F,1 High Street,,Leeds,LS1 4AP,B86001,2016-06-01,\n"
                + "9993018148,Amelia,,Smith,2016-05-04,F,1 High Street,,Leeds,LS1 4AP,B86001,2016-06-01,\n"
                + "9994816918,Oliver,,Brown,2016-13-04,M,,,,,B86001,2016-06-01,\n"
                + "9996839427,Oliver,,Brown,2016-01-04,M,,,,,B86001,2016-06-01\n"
                + "9996839427,,,Brown,2016-01-04,,,,,,,,\n");
    }

    @Test
    void shouldValidateAFeedAndWriteTheRejectReportNextToIt() throws IOException {
        int exit = run("ingest", "--source", "nhs-demographics", "--file", feed.toString(), "--dry-run");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("nothing was written to the directory")
                .contains("Rows read 5, good 2, rejected 3")
                .contains("rows/s")
                .contains("1  nhs_number: the check digit does not match")
                .contains("1  date_of_birth: is not a real date");
        List<String> report = Files.readAllLines(temp.resolve("nhs.csv.rejects.csv"));
        assertThat(report).containsExactly(
                "row,field,reason",
                "2,nhs_number,the check digit does not match; check each digit was typed correctly",
                "3,date_of_birth,\"is not a real date: use yyyy-MM-dd, with a month 01-12 and a day that exists in "
                        + "that month\"",
                "4,row,has 12 fields where the nhs-demographics header has 13: check for a lost field or an unquoted "
                        + "comma");
        // No personal data in what the command prints.
        assertThat(out.toString()).doesNotContain("Amelia").doesNotContain("9993018148");
    }

    @Test
    void shouldWriteTheRejectReportWhereAsked() {
        Path report = temp.resolve("reports/r.csv");
        assertThat(report.getParent().toFile().mkdirs()).isTrue();

        int exit = run("ingest", "--source", "nhs-demographics", "--file", feed.toString(), "--dry-run",
                "--rejects", report.toString());

        assertThat(exit).isZero();
        assertThat(report).content().startsWith("row,field,reason\n2,nhs_number,");
        assertThat(temp.resolve("nhs.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void shouldRefuseAnUnknownSource() {
        int exit = run("ingest", "--source", "gro", "--file", feed.toString(), "--dry-run");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no feed is called 'gro'").contains("births, school-census");
    }

    @Test
    void shouldRefuseToApplyInChunksOfNoRowsBeforeStartingTheDatabase() {
        int exit = run("ingest", "--source", "nhs-demographics", "--file", feed.toString(), "--chunk-rows", "0",
                "--data-dir", temp.resolve("db").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--chunk-rows");
        assertThat(temp.resolve("db")).doesNotExist();
    }

    @Test
    void shouldRefuseAMissingFile() {
        int exit = run("ingest", "--source", "births", "--file", temp.resolve("none.csv").toString(), "--dry-run");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist or cannot be read");
    }

    @Test
    void shouldRefuseAFileWithAnotherFeedsHeaderAndWriteNoReport() {
        int exit = run("ingest", "--source", "births", "--file", feed.toString(), "--dry-run");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("not the births feed's").contains("missing column(s) registration_id");
        assertThat(temp.resolve("nhs.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void shouldDrawAProgressBarWithThePercentageAndRate() {
        assertThat(IngestCommand.bar(FeedSource.BIRTHS, 250, 1000, 5000, 1_000_000_000L))
                .isEqualTo("ingest births [#######.......................] 25% 5000 rows, 5000 rows/s");
    }
}
