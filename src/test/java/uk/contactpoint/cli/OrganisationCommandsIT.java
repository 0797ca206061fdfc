package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.ContactPointApplication;

/**
 * {@code ingest --source schools|gp-practices}, {@code --supplier} and {@code suppliers} on an embedded database of
 * their own: a dry run and a refused supplier change nothing, usage errors exit 2 with the reason.
 */
class OrganisationCommandsIT {

    private static final String GIAS_HEADER = "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (name),"
            + "EstablishmentStatus (name),PhaseOfEducation (name),Street,Locality,Address3,Town,County (name),Postcode,"
            + "TelephoneNum,CloseDate,SomeOtherColumn";

    @TempDir
    Path data;
    @TempDir
    Path files;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine.application = ContactPointApplication.class;
        int exit = CommandLine.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return exit;
    }

    @Test
    void shouldLoadSchoolsAgainstARegisteredSupplierAfterADryRunAndARefusedSupplierChangedNothing() throws IOException {
        Path gias = files.resolve("edubasealldata20260315.csv");
        Files.writeString(gias, GIAS_HEADER + "\n"
                + "107958,383,Leeds,Kirkstall Valley Primary School,Community school,Open,Primary,Argie Road,,,Leeds,,"
                + "LS4 2QZ,0113 496 0100,,x\n"
                + "107959,383,Leeds,Burley Park School,Community school,Closed,Primary,Burley Road,,,Leeds,,LS4 2PJ,,"
                + "31-08-2019,y\n"
                + "10796,383,Leeds,Bad Urn School,Community school,Open,Primary,,,,,,,,,z\n");
        String dir = data.toString();

        assertThat(run("ingest", "--source", "schools", "--file", gias.toString(), "--dry-run", "--data-dir", dir))
                .as(err).isZero();
        assertThat(out).contains("nothing was written to the directory").contains("Rows read 3, good 2, rejected 1");
        assertThat(gias.resolveSibling(gias.getFileName() + ".rejects.csv")).content()
                .isEqualTo("row,field,reason\n3,URN,\"is not a URN: 6 digits, the first not 0\"\n");

        assertThat(run("suppliers", "add", "--code", "DFE-GIAS", "--name", "Department for Education", "--source",
                "schools", "--must", "--frequency", "monthly", "--data-dir", dir)).as(err).isZero();
        assertThat(out).contains("DFE-GIAS  Department for Education")
                .contains("schools must monthly for all of England; last batch none");

        assertThat(run("ingest", "--source", "schools", "--file", gias.toString(), "--supplier", "NOT-REGISTERED",
                "--data-dir", dir)).isEqualTo(2);
        assertThat(err).contains("--supplier: no supplier has the code NOT-REGISTERED");

        assertThat(run("ingest", "--source", "schools", "--file", gias.toString(), "--supplier", "dfe-gias",
                "--data-dir", dir)).as(err).isZero();
        assertThat(out).contains("Rows read 3, good 2, rejected 1, skipped 0; organisations added 2, updated 0, "
                + "unchanged 0").contains("recorded against the supplier DFE-GIAS");

        assertThat(run("suppliers", "overdue", "--as-of", LocalDate.now().plusMonths(2).toString(), "--data-dir", dir))
                .as(err).isZero();
        assertThat(out).contains("DFE-GIAS  Department for Education: schools must monthly").contains("last batch 1 on");
    }

    @Test
    void shouldExitTwoWithTheReasonOnUsageErrors() throws IOException {
        Path epraccur = files.resolve("epraccur.csv");
        Files.writeString(epraccur, "\"A81001\",\"THE DENSHAM SURGERY\"\n");
        String dir = data.toString();

        assertThat(run("ingest", "--source", "hospitals", "--file", epraccur.toString(), "--dry-run")).isEqualTo(2);
        assertThat(err).contains("use one of births, school-census, child-benefit, nhs-demographics, la-services, "
                + "schools, gp-practices");

        assertThat(run("ingest", "--source", "schools", "--file", epraccur.toString(), "--dry-run")).isEqualTo(2);
        assertThat(err).contains("not in the GIAS edubasealldata layout");
        assertThat(files.resolve("epraccur.csv.rejects.csv")).doesNotExist();

        assertThat(run("suppliers", "add", "--code", "NHS", "--name", "NHS England", "--source", "hospitals", "--must",
                "--frequency", "daily")).isEqualTo(2);
        assertThat(err).contains("--source: no source is called 'hospitals'");
        assertThat(run("suppliers", "add", "--code", "NHS", "--name", "NHS England", "--source", "nhs-demographics",
                "--must", "--may", "--frequency", "daily")).isEqualTo(2);
        assertThat(run("suppliers", "add", "--code", "NHS", "--name", "NHS England", "--source", "nhs-demographics",
                "--must", "--frequency", "hourly")).isEqualTo(2);
        assertThat(err).contains("--frequency: use daily, weekly, monthly, termly or annually");
        assertThat(run("suppliers")).isEqualTo(2);

        assertThat(run("suppliers", "add", "--code", "NHS", "--name", "NHS England", "--source", "nhs-demographics",
                "--must", "--frequency", "daily", "--la", "E99000001", "--data-dir", dir)).isEqualTo(2);
        assertThat(err).contains("must be the GSS code of an English upper-tier authority");
        assertThat(run("suppliers", "list", "--data-dir", dir)).as(err).isZero();
        assertThat(out).contains("No suppliers are registered");
    }
}
