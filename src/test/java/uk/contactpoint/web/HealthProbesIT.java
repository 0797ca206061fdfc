package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The probes a load balancer or orchestrator uses (docs/operations.md, ADR 45): liveness and readiness both
 * answer UP on a healthy node without signing in; when the database becomes unreachable readiness goes DOWN
 * (503, so the node leaves the load balancer) while liveness stays UP (so it is not restarted for an outage
 * that is not its own), and readiness comes back by itself when the database does.
 *
 * <p>The database is an in-memory H2 served over TCP by this test, on every pass (also the PostgreSQL one):
 * stopping its TCP server is the one outage a test can cause and undo without touching a shared database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.hikari.connection-timeout=1000", "spring.datasource.hikari.validation-timeout=500"})
@DirtiesContext
@ActiveProfiles("test")
class HealthProbesIT {

    private static int dbPort;
    private static Server tcp;

    @DynamicPropertySource
    static void databaseOverTcp(DynamicPropertyRegistry registry) throws Exception {
        dbPort = freePort();
        tcp = startTcp();
        String url = "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/mem:probes-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stopTcp() {
        if (tcp != null) {
            tcp.stop();
        }
    }

    private static Server startTcp() throws SQLException {
        // -ifNotExists: the in-memory database is created by the first connection, which comes over TCP
        return Server.createTcpServer("-tcpPort", Integer.toString(dbPort), "-ifNotExists").start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws Exception {
        WebClient web = new WebClient(port);
        assertUp(web.get("/actuator/health/liveness"));
        assertUp(web.get("/actuator/health/readiness"));

        tcp.stop();
        try {
            HttpResponse<String> readiness = web.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
            assertUp(web.get("/actuator/health/liveness"));
        } finally {
            tcp = startTcp();
        }

        // The pool replaces its dead connections when it next validates them: no restart of the node is needed.
        // Polled once a second, as a probe would (Hikari skips validating a connection used in the last 500 ms).
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        HttpResponse<String> back = web.get("/actuator/health/readiness");
        while (back.statusCode() != 200 && Instant.now().isBefore(until)) {
            Thread.sleep(1000);
            back = web.get("/actuator/health/readiness");
        }
        assertUp(back);
    }

    private static void assertUp(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }
}
