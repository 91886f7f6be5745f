package io.taskledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import io.taskledger.support.SentNotifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding the task board from the first event gives exactly the live tables, repairs a damaged read model,
 * keeps serving full boards meanwhile, and hands no event again to handlers that must not see one twice.
 */
class ProjectionRebuildTest extends IntegrationTest {

    private static final int PROJECTS = 25;
    private static final String[] TABLES = {"board_project", "board_task", "board_attempt", "board_escalation"};

    @Test
    void a_rebuild_equals_the_live_board_row_by_row_and_never_shows_a_partial_board() throws Exception {
        Projects projects = new Projects(api);
        List<String> generated = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < PROJECTS; i++) {
            String projectId = projects.createWithExamplePlan();
            generated.add(projectId);
            Response last = play(projects, projectId, i % 4);
            versions.put(projectId, last == null ? 9 : Projects.version(last));
        }
        versions.forEach((projectId, version) -> assertThat(api.get("/api/projects/" + projectId,
                "X-Min-Version", String.valueOf(version)).status()).isEqualTo(200));
        // written throughout the rebuild: left out of the row comparison, compared with their own history instead
        List<String> written = List.of(generated.get(4), generated.get(8));
        List<String> untouched = generated.stream().filter(projectId -> !written.contains(projectId)).toList();
        Map<String, List<String>> live = rows(untouched);
        untouched.forEach(projectId -> Eventually.await(Duration.ofSeconds(20),
                () -> SentNotifications.sentFor(projectId), sent -> sent == eventCount(projectId)));
        jdbc.update("UPDATE board_task SET title = 'damaged', status = 'FAILED' WHERE project_id = ? AND task_key = 'P04'",
                UUID.fromString(generated.get(0)));
        assertThat(rows(untouched)).as("the damage shows").isNotEqualTo(live);

        List<String> partialBoards = new CopyOnWriteArrayList<>();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (rebuilding.get()) {
                for (String projectId : generated.subList(PROJECTS - 3, PROJECTS)) {
                    Response tasks = api.get("/api/projects/" + projectId + "/tasks");
                    if (tasks.status() != 200 || tasks.json().size() != 6) {
                        partialBoards.add(tasks.toString());
                    }
                }
            }
        });
        List<String> writes = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; rebuilding.get() || i < 2; i++) {
                for (String projectId : written) {
                    Response assigned = api.post(Projects.task(projectId, "P04-T02-S01") + "/assign",
                            Map.of("assignee", i % 2 == 0 ? "@api-agent" : "@other-agent"));
                    writes.add(assigned.status() + " " + assigned.header("ETag"));
                }
            }
        });
        reader.start();
        writer.start();
        Response started = api.post("/api/admin/projections/task-board/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("total").asInt()).isGreaterThanOrEqualTo(PROJECTS);
        JsonNode board = Eventually.await(Duration.ofSeconds(60), () -> taskBoard(),
                status -> !status.get("state").asText().equals("REBUILDING"));
        rebuilding.set(false);
        reader.join();
        writer.join();

        assertThat(board.get("state").asText()).isEqualTo("RUNNING");
        assertThat(board.get("lastRebuildFailure").isNull()).isTrue();
        assertThat(writes).allSatisfy(write -> assertThat(write).startsWith("200"));
        for (String projectId : written) {
            long latest = jdbc.queryForObject(
                    "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                    projectId);
            JsonNode past = api.get("/api/projects/" + projectId + "/tasks?asOfVersion=" + latest).json();
            Eventually.await(Duration.ofSeconds(20), () -> api.get("/api/projects/" + projectId + "/tasks").json(),
                    tasks -> tasks.equals(past));
        }
        Map<String, List<String>> rebuilt = rows(untouched);
        for (String table : TABLES) {
            assertThat(rebuilt.get(table)).as(table + ", row by row").containsExactlyElementsOf(live.get(table));
        }
        assertThat(partialBoards).as("reads during the rebuild").isEmpty();
        untouched.forEach(projectId -> assertThat(SentNotifications.sentFor(projectId))
                .as("notifications for " + projectId + ": each event once").isEqualTo(eventCount(projectId)));
        JsonNode metric = api.get("/actuator/metrics/taskledger.projection.rebuild.progress").json();
        assertThat(metric.at("/measurements/0/value").asDouble()).isEqualTo(100.0);
        assertThat(api.post("/api/admin/projections/nope/rebuild", null).json().get("code").asText())
                .isEqualTo("PROJECTION_NOT_FOUND");
    }

    private int eventCount(String projectId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, projectId);
    }

    /** A different history per kind: untouched, one success, a failure and retry, an escalation accepted. */
    private Response play(Projects projects, String projectId, int kind) {
        Map<String, Boolean> pass = Map.of("P04-T01-S01-01/1", true, "P04-T01-S01-01/2", true);
        Map<String, Boolean> fail = Map.of("P04-T01-S01-01/1", true, "P04-T01-S01-01/2", false);
        if (kind == 0) {
            return null;
        }
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        if (kind == 1) {
            return projects.report(projectId, "P04-T01-S01", 1, pass);
        }
        projects.report(projectId, "P04-T01-S01", 1, fail);
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        if (kind == 2) {
            return projects.report(projectId, "P04-T01-S01", 2, pass);
        }
        projects.report(projectId, "P04-T01-S01", 2, fail);
        return api.post(Projects.task(projectId, "P04-T01-S01") + "/resolve",
                Map.of("decision", "ACCEPT", "justification", "good enough"));
    }

    /** Every board row of the projects, as text, in key order; an escalation's generated id left out. */
    private Map<String, List<String>> rows(List<String> projectIds) {
        Object[] ids = projectIds.stream().map(UUID::fromString).toArray();
        Map<String, List<String>> rows = new HashMap<>();
        for (String table : TABLES) {
            String order = switch (table) {
                case "board_project" -> "project_id";
                case "board_task" -> "project_id, task_key";
                case "board_attempt" -> "project_id, task_key, number";
                default -> "project_id, task_key, escalated_at";
            };
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " WHERE project_id = ANY (?) ORDER BY "
                            + order, (Object) toArray(ids)).stream()
                    .map(row -> {
                        Map<String, Object> withoutId = new java.util.TreeMap<>(row);
                        withoutId.remove("id");
                        return withoutId.toString();
                    })
                    .toList());
        }
        return rows;
    }

    private java.sql.Array toArray(Object[] ids) {
        return jdbc.execute((java.sql.Connection connection) -> connection.createArrayOf("uuid", ids));
    }

    private JsonNode taskBoard() {
        return StreamSupport.stream(api.get("/api/admin/projections").json().spliterator(), false)
                .filter(projection -> projection.get("name").asText().equals("task-board"))
                .findFirst().orElseThrow();
    }
}
