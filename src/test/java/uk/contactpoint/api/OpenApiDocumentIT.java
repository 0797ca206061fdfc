package uk.contactpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import uk.contactpoint.web.WebClient;

/**
 * The committed OpenAPI description ({@code docs/api/openapi.json}) is the one the running code serves at
 * {@code /api/openapi.json}. When the API changes, this test fails and rewrites the file: review and commit it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentIT {

    static final Path COMMITTED = Path.of("docs/api/openapi.json");

    @LocalServerPort
    int port;

    @Test
    void shouldMatchTheCommittedDescription() throws Exception {
        var response = new WebClient(port).get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        ObjectNode served = (ObjectNode) json.readTree(response.body());
        // The server address is the test's random port: not part of the description.
        served.remove("servers");
        String current = json.writeValueAsString(json.treeToValue(served, java.util.Map.class)) + "\n";
        assertThat(current).contains("/api/v1/searches").contains("/api/v1/feed-batches");
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!current.equals(committed)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, current, StandardCharsets.UTF_8);
        }
        assertThat(committed).as("docs/api/openapi.json is stale: it has been rewritten, review and commit it").isEqualTo(current);
    }

    @Test
    void shouldBeBrowsableAtApiDocs() {
        var docs = new WebClient(port).get("/api/docs");
        assertThat(docs.statusCode()).isIn(200, 302);
        String page = docs.statusCode() == 302 ? docs.headers().firstValue("Location").orElseThrow() : "/api/docs";
        assertThat(new WebClient(port).get(page.replaceFirst("^https?://[^/]+", "")).statusCode()).isEqualTo(200);
    }
}
