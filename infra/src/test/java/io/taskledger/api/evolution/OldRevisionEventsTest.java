package io.taskledger.api.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.LegacyEvents;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project stored by an older release, with {@code TaskAdded} at revision 1 ({@code position}), is read by
 * today's code through the upcaster: the board shows it, the aggregate takes commands on it, and its events stay as
 * written (so they count as legacy, unhashed events while everything appended since is chained).
 */
class OldRevisionEventsTest extends IntegrationTest {

    @Test
    void revision_1_events_replay_into_todays_board_and_aggregate() {
        String projectId = UUID.randomUUID().toString();
        int stored = LegacyEvents.store(jdbc, projectId, Projects.uniqueKey());
        int legacyTaskAdded = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_revision = '1' AND payload_type LIKE '%.TaskAdded'""",
                Integer.class, projectId);
        assertThat(legacyTaskAdded).isEqualTo(2);

        Response board = api.get("/api/projects/" + projectId + "/tasks", "X-Min-Version", String.valueOf(stored - 1));
        assertThat(board.status()).as(board.toString()).isEqualTo(200);
        assertThat(board.json()).extracting(task -> task.get("key").asText() + "@" + task.get("position").asInt()
                + " " + task.get("status").asText()).containsExactly("P1@1 READY", "P1-T1@2 READY");

        Response started = new Projects(api).start(projectId, "P1-T1", "@legacy-agent");
        assertThat(started.status()).as("the aggregate loads the upcast events: " + started).isEqualTo(200);
        assertThat(started.json().get("attempt").asInt()).isEqualTo(1);

        JsonNode task = new Projects(api).task(projectId, "P1-T1", Projects.version(started));
        assertThat(task.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(task.get("position").asInt()).isEqualTo(2);
        assertThat(api.get("/api/projects/" + projectId + "/tasks?asOfVersion=" + (stored - 1)).json())
                .isEqualTo(board.json());
        JsonNode history = api.get(Projects.task(projectId, "P1-T1") + "/history").json();
        assertThat(history.get("entries").get(0).get("description").asText())
                .startsWith("P1-T1 'Legacy task' added as TASK under P1, assigned to @legacy-agent");
        JsonNode integrity = api.get("/api/projects/" + projectId + "/verify").json();
        assertThat(integrity.get("legacyEvents").asInt()).isEqualTo(stored);
        assertThat(integrity.get("intact").asBoolean()).as(integrity.toString()).isTrue();
        assertThat(integrity.get("eventsChecked").asInt()).isPositive();
        assertThat(api.post("/api/projects/" + projectId + "/tasks/P1-T1/assign", json("assignee", "@other"))
                .status()).as("an open attempt keeps its holder").isEqualTo(409);
    }
}
