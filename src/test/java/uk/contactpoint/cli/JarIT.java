package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as an operator would: the service, the command line, and the production guard.
 */
class JarIT {

    static final Path JAR = Path.of("target/contactpoint.jar").toAbsolutePath();

    @TempDir
    Path work;

    record Result(int exit, String out, String err) {
    }

    Result run(List<String> args, String... envRemoved) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        for (String name : envRemoved) {
            pb.environment().remove(name);
        }
        pb.environment().remove("SPRING_PROFILES_ACTIVE");
        pb.redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Result(p.exitValue(), Files.readString(work.resolve("out.txt")), Files.readString(work.resolve("err.txt")));
    }

    @Test
    void shouldListTheCommandsInHelp() throws Exception {
        Result help = run(List.of("--help"));

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("validate").contains("migrate").contains("status");
    }

    @Test
    void shouldAnswerABadOptionWithUsageAndExitCodeTwo() throws Exception {
        Result bad = run(List.of("validate", "--no-such-option"));

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option").contains("Usage:");
    }

    @Test
    void shouldLinkCsvFilesWithoutSpringOrADatabase() throws Exception {
        Files.writeString(work.resolve("a.csv"), "id,first,last,dob\n1,Oliver,Hamilton,2015-03-04\n"
                + "2,Olvier,Hamilton,2015-03-04\n3,Amelia,Khan,2012-07-19\n");

        Result linked = run(List.of("link", "--input", "a.csv", "--id-column", "id", "--map", "given_name=first",
                "--map", "family_name=last", "--map", "date_of_birth=dob", "--output", "clusters.csv"));

        assertThat(linked.exit()).as(linked.err()).isZero();
        assertThat(linked.out()).contains("Linked 3 records");
        assertThat(Files.readAllLines(work.resolve("clusters.csv"))).hasSize(4);
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void shouldValidateIdentifiersWithoutCreatingADatabase() throws Exception {
        Result good = run(List.of("validate", "--nhs-number", "943 476 5919"));
        Result wrong = run(List.of("validate", "--nhs-number", "9434765910"));

        assertThat(good.exit()).isZero();
        assertThat(good.out().strip()).isEqualTo("943 476 5919");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("NHS number").doesNotContain("9434765910");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void shouldRefuseToStartProdWithoutADatabaseInOneLine() throws Exception {
        Result result = run(List.of("--spring.profiles.active=prod"), "SPRING_DATASOURCE_URL");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().strip().lines()).singleElement().asString().contains("SPRING_DATASOURCE_URL");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void shouldRefuseToStartProdOnH2InOneLine() throws Exception {
        Result result = run(List.of("--spring.profiles.active=prod", "--spring.datasource.url=jdbc:h2:mem:x"));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().strip().lines()).singleElement().asString().contains("H2");
    }

    @Test
    void shouldServeWithDemoDataAndShareItsDatabaseWithACommand() throws Exception {
        Path data = work.resolve("cp-data");
        int port = freePort();
        Process server = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "--server.port=" + port,
                "--contactpoint.data-dir=" + data).directory(work.toFile())
                .redirectOutput(work.resolve("server.log").toFile()).redirectErrorStream(true).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            // Starting and seeding 3,000 demo children takes 20-40 s on a quiet machine; a loaded CI machine took over 120 s.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
            boolean up = false;
            while (!up && Instant.now().isBefore(deadline) && server.isAlive()) {
                up = get(http, port, "/actuator/health").map(b -> b.contains("\"UP\"")).orElse(false);
                if (!up) {
                    Thread.sleep(250);
                }
            }
            assertThat(up).as("health UP; log: %s", Files.readString(work.resolve("server.log"))).isTrue();
            // The accounts file is written before the server accepts requests, so it is there now.
            Path accounts = data.resolve("demo-accounts.csv");
            assertThat(accounts).exists();
            List<String> lines = Files.readAllLines(accounts, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("username,password,pin,totp_secret,role,organisation");
            assertThat(lines).hasSizeGreaterThan(4);
            assertThat(get(http, port, "/login")).hasValueSatisfying(b -> assertThat(b).contains("Sign in"));
            assertThat(get(http, port, "/")).hasValueSatisfying(b -> assertThat(b).contains("Find who is working with a child"));

            Result status = run(List.of("status", "--data-dir", data.toString()));
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).containsPattern("children:\\s+3000").containsPattern("local authorities:\\s+153");
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("graceful shutdown").isTrue();
        }
    }

    private static java.util.Optional<String> get(HttpClient http, int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? java.util.Optional.of(r.body()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
