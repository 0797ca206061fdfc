package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLine.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(temp.resolve(name), List.of(lines));
    }

    private Path people() throws IOException {
        return write("a.csv",
                " id , first , last , dob , sex , street , town , pc , nhs ",
                "a1,Oliver,Hamilton,2015-03-04,M,14 Mill Lane,Leeds,LS6 2QT,9434765919",
                "a2,Amelia,Hamilton,2012-07-19,F,14 Mill Lane,Leeds,LS6 2QT,",
                "a3,Jack,Khan,2010-11-30,male,\"Flat 2, 5 Park Avenue\",Leeds,LS8 1AB,",
                "a4,Nobody,Atall,not a date,X,,,,");
    }

    private Path others() throws IOException {
        return write("b.csv",
                "id,first,last,dob,sex,street,town,pc,nhs",
                "b1,Olvier,Hamilton,2015-03-04,m,14 Mill Ln,Leeds,LS62QT,943 476 5919",
                "b2,Jack,Khan,2010-11-30,M,\"Flat 2, 5 Park Avenue\",Leeds,LS8 1AB,");
    }

    private String[] args(Path output, Path... inputs) {
        List<String> args = new java.util.ArrayList<>(List.of("link", "--id-column", "id", "--map", "given_name=first",
                "--map", "family_name=last", "--map", "date_of_birth=dob", "--map", "sex=sex", "--map",
                "address=street", "--map", "locality=town", "--map", "postcode=pc", "--map", "identifier=nhs",
                "--output", output.toString()));
        for (Path input : inputs) {
            args.add("--input");
            args.add(input.toString());
        }
        return args.toArray(String[]::new);
    }

    @Test
    void shouldWriteOneClusterRowForEveryRecordOfEveryInput() throws IOException {
        Path output = temp.resolve("clusters.csv");
        Path pairs = temp.resolve("pairs.csv");
        List<String> command = new java.util.ArrayList<>(List.of(args(output, people(), others())));
        command.addAll(List.of("--pairs", pairs.toString()));

        int exit = run(command.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(output);
        assertThat(rows.get(0)).isEqualTo("record_id,cluster_id");
        assertThat(rows).hasSize(7);
        assertThat(rows.subList(1, 7)).extracting(r -> r.split(",")[0])
                .containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "b1", "b2");
        assertThat(Files.readAllLines(pairs).get(0))
                .isEqualTo("left_id,right_id,match_weight,match_probability,decision,conflict");
        assertThat(out.toString()).contains("Linked 6 records from 2 files");
        assertThat(out.toString() + err).doesNotContain("Oliver").doesNotContain("Hamilton");
    }

    @Test
    void shouldRefuseAnIdUsedInTwoInputsWithExitCode2() throws IOException {
        Path b = write("b.csv", "id,first,last,dob,sex,street,town,pc,nhs", "a2,Amelia,Hamilton,2012-07-19,F,,,,");

        int exit = run(args(temp.resolve("out.csv"), people(), b));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("repeats id a2").contains("ids must be unique");
        assertThat(temp.resolve("out.csv")).doesNotExist();
    }

    @Test
    void shouldRefuseARepeatedIdWithinOneInput() throws IOException {
        Path a = write("a.csv", "id,first,last,dob,sex,street,town,pc,nhs", "x,A,B,,,,,,", "x,C,D,,,,,,");

        assertThat(run(args(temp.resolve("out.csv"), a))).isEqualTo(2);
        assertThat(err.toString()).contains("row 2 repeats id x");
    }

    @Test
    void shouldNameAMissingColumnAndExitWith2() throws IOException {
        Path a = write("a.csv", "id,first,last", "1,A,B");

        assertThat(run(args(temp.resolve("out.csv"), a))).isEqualTo(2);
        assertThat(err.toString()).contains("no column dob, sex, street, town, pc, nhs");
    }

    @Test
    void shouldRefuseAnUnknownFieldOrMalformedMap() throws IOException {
        Path a = people();
        assertThat(run("link", "--input", a.toString(), "--id-column", "id", "--map", "shoe_size=first", "--output",
                temp.resolve("o.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown field 'shoe_size'");
        assertThat(run("link", "--input", a.toString(), "--id-column", "id", "--map", "given_name", "--output",
                temp.resolve("o.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("expected FIELD=COLUMN");
    }

    @Test
    void shouldRefuseAMissingInputAndABadDatePattern() throws IOException {
        assertThat(run(args(temp.resolve("o.csv"), temp.resolve("missing.csv")))).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
        List<String> command = new java.util.ArrayList<>(List.of(args(temp.resolve("o.csv"), people())));
        command.addAll(List.of("--date-format", "yyyy-MM-dd-{"));
        assertThat(run(command.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains("--date-format");
    }

    @Test
    void shouldRequireInputIdColumnMapAndOutput() {
        assertThat(run("link", "--id-column", "id")).isEqualTo(2);
        assertThat(err.toString()).contains("--input");
    }

    @Test
    void shouldJoinColumnsWithPlusAndAcceptAnotherDateFormat() throws IOException {
        Path a = write("a.csv", "ref,given,middle,family,born",
                "1,Mary,Ann,Smith,04/03/2015", "2,Mary,Ann,Smith,04/03/2015", "3,Zed,,Jones,junk");
        Path output = temp.resolve("c.csv");

        int exit = run("link", "--input", a.toString(), "--id-column", "ref", "--map", "given_name=given+middle",
                "--map", "family_name=family", "--map", "date_of_birth=born", "--date-format", "dd/MM/yyyy", "--output",
                output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readAllLines(output)).hasSize(4);
    }

    @Test
    void shouldDrawAProgressBar() {
        assertThat(LinkCommand.bar("score", 50, 200)).startsWith("link score       [#######......").contains("25% 50/200");
    }
}
