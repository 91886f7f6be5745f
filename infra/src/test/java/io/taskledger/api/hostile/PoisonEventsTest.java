package io.taskledger.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Operators;
import io.taskledger.support.Projects;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events the board cannot store as they are must not stop it: stored events appended straight to the event store
 * (past every check of the door and the aggregate), and rows the database refuses when the batch commits. Each is
 * projected safely or parked with its project's later events, while the other projects' boards keep moving; a read
 * waiting for the parked project's version is told the read model is behind (503), never that the project does not
 * exist; the operator sees the letters, and a retry applies them once the cause is gone.
 */
class PoisonEventsTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_stored_name_with_nul_is_projected_with_a_replacement_character_and_blocks_nobody() {
        String projectId = UUID.randomUUID().toString();
        String key = Projects.uniqueKey();
        append(projectId, 0, "ProjectCreated", Map.of("projectId", projectId, "key", key, "name", "a\u0000b",
                "description", "nul\u0000inside"));
        append(projectId, 1, "MemberAdded", Map.of("projectId", projectId, "username", "admin", "role", "OWNER"));

        Response shown = api.get("/api/projects/" + projectId, "X-Min-Version", "1");

        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("name").asText()).isEqualTo("a\uFFFDb");
        assertThat(shown.json().get("description").asText()).isEqualTo("nul\uFFFDinside");
        assertThat(Operators.deadLettersOf(api, projectId)).isEmpty();
        assertOtherProjectsFlow();
    }

    @Test
    void rows_the_database_refuses_at_commit_park_the_project_which_reads_as_behind_until_retried() {
        String refusedName = "refused " + UUID.randomUUID();
        String constraint = "test_refuse_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("ALTER TABLE board_project ADD CONSTRAINT " + constraint + " CHECK (name <> '" + refusedName
                + "')");
        try {
            Response created = api.post("/api/projects", json("key", Projects.uniqueKey(), "name", refusedName));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String projectId = created.json().get("id").asText();

            List<JsonNode> parked = Eventually.await(Duration.ofSeconds(30), () -> Operators.deadLettersOf(api, projectId),
                    letters -> letters.size() == 2);
            assertThat(parked).extracting(letter -> letter.get("eventType").asText())
                    .containsExactly("ProjectCreated", "MemberAdded");
            assertThat(parked.get(0).get("causeMessage").asText())
                    .contains("the database refused the board rows").contains(constraint);
            assertOtherProjectsFlow();
            JsonNode board = Operators.projection(api, "task-board");
            assertThat(board.get("deadLetters").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(board.get("state").asText()).as("no segment stopped: " + board).isEqualTo("RUNNING");
            Response gauge = api.get("/actuator/metrics/taskledger.eventprocessor.dead.letters?tag=processingGroup:"
                    + "task-board");
            assertThat(gauge.status()).as(gauge.toString()).isEqualTo(200);
            assertThat(gauge.json().get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(2);

            Response waited = api.get("/api/projects/" + projectId, "X-Min-Version", "1");
            assertThat(waited.status()).as("the owner's read is behind, not missing: " + waited).isEqualTo(503);
            assertThat(waited.json().get("code").asText()).isEqualTo("READ_MODEL_BEHIND");
            assertThat(waited.header("Retry-After")).isNotBlank();
            ApiClient outsider = accounts.as(Accounts.uniqueUsername("outsider"), AccountKind.HUMAN,
                    GlobalRole.MANAGER);
            Response hidden = outsider.get("/api/projects/" + projectId, "X-Min-Version", "1");
            assertThat(hidden.status()).as("a non-member still learns nothing: " + hidden).isEqualTo(404);
            assertThat(hidden.json().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");

            Response stillRefused = api.post("/api/admin/dead-letters/" + parked.get(0).get("id").asText()
                    + "/retry", null);
            assertThat(stillRefused.status()).as(stillRefused.toString()).isEqualTo(200);
            assertThat(stillRefused.json().get("applied").asBoolean()).isFalse();
            assertThat(Operators.deadLettersOf(api, projectId)).hasSize(2);

            jdbc.execute("ALTER TABLE board_project DROP CONSTRAINT " + constraint);
            Response retried = api.post("/api/admin/dead-letters/" + parked.get(0).get("id").asText() + "/retry",
                    null);

            assertThat(retried.json().get("applied").asBoolean()).as(retried.toString()).isTrue();
            assertThat(Operators.deadLettersOf(api, projectId)).isEmpty();
            Response shown = api.get("/api/projects/" + projectId, "X-Min-Version", "1");
            assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
            assertThat(shown.json().get("name").asText()).isEqualTo(refusedName);
        } finally {
            jdbc.execute("ALTER TABLE board_project DROP CONSTRAINT IF EXISTS " + constraint);
        }
    }

    /** A project created now shows on its board within the usual wait. */
    private void assertOtherProjectsFlow() {
        for (int i = 0; i < 3; i++) {
            Projects projects = new Projects(api);
            String other = projects.create();
            Response shown = api.get("/api/projects/" + other, "X-Min-Version", "1");
            assertThat(shown.status()).as("other projects keep flowing: " + shown).isEqualTo(200);
        }
    }



    /** Appends an event as a stored row, past every check: as an older release, or a bug, could have left it. */
    private void append(String projectId, long sequence, String type, Map<String, Object> payload) {
        try {
            jdbc.update("""
                            INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type,
                                event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                            VALUES (?, ?, 'Project', ?, ?, ?, '1', ?, ?)""",
                    projectId, sequence, UUID.randomUUID().toString(),
                    "{\"actor\":\"admin\"}".getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(payload),
                    "io.taskledger.api.event." + type, DateTimeUtils.formatInstant(Instant.now()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
