package io.taskledger.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.json is the API reference; it must say exactly what the server serves. After a deliberate API
 * change, regenerate it with {@code ./mvnw verify -Dtaskledger.openapi.update=true} and review the diff.
 */
class OpenApiDocumentTest extends IntegrationTest {

    private static final Path DOCUMENT = Path.of("../docs/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void the_committed_api_reference_equals_what_the_server_serves() throws Exception {
        var response = api.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode served = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) served).remove("servers");
        String normalized = JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n";

        if (Boolean.getBoolean("taskledger.openapi.update") || !Files.exists(DOCUMENT)) {
            Files.writeString(DOCUMENT, normalized, StandardCharsets.UTF_8);
        }

        assertThat(normalized).isEqualTo(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
        assertThat(served.get("paths").has("/api/v1/projects")).isTrue();
    }
}
