package io.taskledger.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every stored event says who acted, in which request, and which message caused it. */
class AuditMetadataTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void events_of_one_request_share_its_correlation_id_actor_and_causing_command() throws Exception {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        projects.start(projectId, "P04-T01-S01", "@coding-agent");

        projects.agent("@coding-agent").post(Projects.task(projectId, "P04-T01-S01") + "/report", json("attempt", 1, "results", List.of(
                        json("criterion", "P04-T01-S01-01/1", "passed", true),
                        json("criterion", "P04-T01-S01-01/2", "passed", true))),
                "X-Correlation-Id", "audit-" + projectId);

        List<String> metadata = jdbc.queryForList("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number
                """, String.class, projectId);
        List<JsonNode> ofReport = metadata.stream().map(this::read)
                .filter(m -> ("audit-" + projectId).equals(m.path("correlationId").asText()))
                .toList();

        assertThat(ofReport).as("AttemptSucceeded, TaskSucceeded, TaskBecameReady").hasSizeGreaterThanOrEqualTo(3);
        assertThat(ofReport).allSatisfy(m -> {
            assertThat(m.path("actor").asText()).isEqualTo("@coding-agent");
            assertThat(m.path("actorRole").asText()).isEqualTo("AGENT");
            assertThat(m.path("causationId").asText()).isEqualTo(ofReport.get(0).path("causationId").asText());
        });
        assertThat(metadata).allSatisfy(m -> assertThat(read(m).path("causationId").asText()).isNotBlank());
        assertThat(read(metadata.get(0)).path("actor").asText()).as("the project's creator").isEqualTo("admin");
        assertThat(read(metadata.get(0)).path("actorRole").asText()).isEqualTo("ADMIN");
    }

    private JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
