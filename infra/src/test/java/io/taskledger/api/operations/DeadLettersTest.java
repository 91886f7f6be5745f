package io.taskledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Operators;
import io.taskledger.support.PoisonedTasks;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A projection failing on one project's event parks it and that project's later events; others keep flowing. */
class DeadLettersTest extends IntegrationTest {

    @Test
    void a_failing_event_is_parked_with_its_projects_later_events_and_applied_on_retry() {
        Projects projects = new Projects(api);
        String poisonedTitle = "poison " + UUID.randomUUID();
        PoisonedTasks.poison(poisonedTitle);
        String projectId = projects.create();
        try {
            addPhase(projectId, "P1", poisonedTitle);
            long latest = addPhase(projectId, "P2", "after the poisoned one");
            // every event from the poisoned TaskAdded (sequence 2, after ProjectCreated and MemberAdded) on
            List<JsonNode> parked = Eventually.await(Duration.ofSeconds(10), () -> Operators.deadLettersOf(api, projectId),
                    letters -> letters.size() == latest - 1);
            String healthyProject = projects.createWithExamplePlan();
            Response healthy = api.get("/api/projects/" + healthyProject + "/tasks", "X-Min-Version", "10");
            assertThat(healthy.status()).as("other projects keep flowing: " + healthy).isEqualTo(200);

            assertThat(parked).extracting(letter -> letter.get("eventType").asText())
                    .startsWith("TaskAdded", "TaskBecameReady").contains("TaskAdded");
            assertThat(parked).extracting(letter -> letter.get("index").asLong()).isSorted();
            assertThat(parked.get(0).get("causeMessage").asText()).contains("poisoned task P1");
            assertThat(parked).allSatisfy(letter -> {
                assertThat(letter.get("processingGroup").asText()).isEqualTo("task-board");
                assertThat(letter.get("sequence").asText()).isEqualTo(projectId);
            });
            // the board's own handler may have applied the poisoned event before its neighbour failed; nothing later
            assertThat(api.get("/api/projects/" + projectId + "/tasks").json())
                    .extracting(task -> task.get("key").asText() + " " + task.get("status").asText())
                    .isSubsetOf("P1 PENDING");
            JsonNode board = Operators.projection(api, "task-board");
            assertThat(board.get("deadLetters").asLong()).isGreaterThanOrEqualTo(2);

            PoisonedTasks.cure(poisonedTitle);
            Response retried = api.post("/api/admin/dead-letters/" + parked.get(0).get("id").asText() + "/retry", null);

            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            assertThat(retried.json().get("applied").asBoolean()).isTrue();
            assertThat(Operators.deadLettersOf(api, projectId)).isEmpty();
            assertThat(api.get("/api/projects/" + projectId + "/tasks").json())
                    .extracting(task -> task.get("key").asText()).containsExactly("P1", "P2");
        } finally {
            PoisonedTasks.cure(poisonedTitle);
        }
    }

    @Test
    void a_parked_event_can_be_given_up_and_unknown_letters_are_404() {
        String poisonedTitle = "poison " + UUID.randomUUID();
        PoisonedTasks.poison(poisonedTitle);
        String projectId = new Projects(api).create();
        try {
            addPhase(projectId, "P1", poisonedTitle);
            List<JsonNode> parked = Eventually.await(Duration.ofSeconds(10), () -> Operators.deadLettersOf(api, projectId),
                    letters -> letters.size() == 2);
            JsonNode letter = parked.get(0);

            assertThat(api.delete("/api/admin/dead-letters/" + letter.get("id").asText()).status()).isEqualTo(204);

            assertThat(Operators.deadLettersOf(api, projectId)).extracting(left -> left.get("id").asText())
                    .containsExactly(parked.get(1).get("id").asText());
            api.delete("/api/admin/dead-letters/" + parked.get(1).get("id").asText());
            assertThat(api.delete("/api/admin/dead-letters/" + letter.get("id").asText()).json().get("code")
                    .asText()).isEqualTo("DEAD_LETTER_NOT_FOUND");
            assertThat(api.post("/api/admin/dead-letters/nope/retry", null).status()).isEqualTo(404);
        } finally {
            PoisonedTasks.cure(poisonedTitle);
        }
    }

    @Test
    void operators_list_retry_and_give_up_dead_letters_over_graphql_as_over_rest_and_only_as_admin() {
        String poisonedTitle = "poison " + UUID.randomUUID();
        PoisonedTasks.poison(poisonedTitle);
        String projectId = new Projects(api).create();
        try {
            addPhase(projectId, "P1", poisonedTitle);
            long latest = addPhase(projectId, "P2", "after the poisoned one");
            List<JsonNode> parked = Eventually.await(Duration.ofSeconds(10), () -> Operators.deadLettersOf(api, projectId),
                    letters -> letters.size() == latest - 1);

            JsonNode listed = graphQl(api, "{ deadLetters { id sequence index eventType causeMessage } }")
                    .at("/data/deadLetters");
            assertThat(listed).filteredOn(letter -> letter.get("sequence").asText().equals(projectId))
                    .extracting(letter -> letter.get("id").asText() + " " + letter.get("index").asText())
                    .containsExactlyElementsOf(parked.stream()
                            .map(letter -> letter.get("id").asText() + " " + letter.get("index").asText()).toList());
            ApiClient auditor = accounts.fresh(GlobalRole.AUDITOR);
            String first = parked.get(0).get("id").asText();
            for (String operation : List.of("{ deadLetters { id } }",
                    "mutation { retryDeadLetter(id: \"" + first + "\") { applied } }",
                    "mutation { deleteDeadLetter(id: \"" + first + "\") }",
                    "mutation { rebuildProjection(name: \"user-directory\") { running } }")) {
                assertThat(graphQl(auditor, operation).at("/errors/0/extensions/code").asText()).as(operation)
                        .isEqualTo("FORBIDDEN");
            }
            assertThat(Operators.deadLettersOf(api, projectId)).as("a refused action changes nothing").hasSize(parked.size());

            PoisonedTasks.cure(poisonedTitle);
            JsonNode retried = graphQl(api, "mutation { retryDeadLetter(id: \"" + first + "\") { id applied } }");

            assertThat(retried.at("/data/retryDeadLetter/applied").asBoolean()).as(retried.toString()).isTrue();
            assertThat(Operators.deadLettersOf(api, projectId)).isEmpty();
            assertThat(graphQl(api, "mutation { deleteDeadLetter(id: \"" + first + "\") }")
                    .at("/errors/0/extensions/code").asText()).isEqualTo("DEAD_LETTER_NOT_FOUND");
            assertThat(graphQl(api, "mutation { rebuildProjection(name: \"nope\") { running } }")
                    .at("/errors/0/extensions/code").asText()).isEqualTo("PROJECTION_NOT_FOUND");
        } finally {
            PoisonedTasks.cure(poisonedTitle);
        }
    }

    private static JsonNode graphQl(ApiClient client, String operation) {
        Response response = client.post("/graphql", json("query", operation));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** @return the project's version after it */
    private long addPhase(String projectId, String key, String title) {
        Response added = api.post("/api/projects/" + projectId + "/tasks",
                json("key", key, "level", "PHASE", "title", title));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json().get("version").asLong();
    }

}
