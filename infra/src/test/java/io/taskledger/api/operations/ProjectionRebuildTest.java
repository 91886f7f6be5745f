package io.taskledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding a read model from the first event gives exactly the live tables, repairs a damaged read model,
 * keeps serving full boards meanwhile, and hands no event again to handlers that must not see one twice. Every read
 * model has a rebuild; the processing groups that are not read models have none.
 */
class ProjectionRebuildTest extends IntegrationTest {

    private static final int PROJECTS = 25;
    private static final int ACCOUNTS = 30;

    /** One table of a read model: the column naming the aggregate a row belongs to, and the rows' order. */
    private record Table(String name, String key, String order) {
    }

    /** Every read model's tables. A new read model goes here, with its rebuilder. */
    private static final Map<String, List<Table>> READ_MODELS = Map.of(
            "task-board", List.of(
                    new Table("board_project", "project_id", "project_id"),
                    new Table("board_task", "project_id", "project_id, task_key"),
                    new Table("board_attempt", "project_id", "project_id, task_key, number"),
                    new Table("board_escalation", "project_id", "project_id, task_key, escalated_at"),
                    new Table("board_member", "project_id", "project_id, username")),
            "user-directory", List.of(new Table("user_directory", "username", "username")));

    /** Processing groups that keep command-side or security state, or serve tests: not read models. */
    private static final Set<String> NOT_READ_MODELS = Set.of("project-key-registry", "account-sessions",
            "test-notifications");

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
        Map<String, List<String>> live = rows("task-board", untouched);
        untouched.forEach(projectId -> Eventually.await(Duration.ofSeconds(20),
                () -> SentNotifications.sentFor(projectId), sent -> sent == eventCount(projectId)));
        jdbc.update("UPDATE board_task SET title = 'damaged', status = 'FAILED' WHERE project_id = ? AND task_key = 'P04'",
                UUID.fromString(generated.get(0)));
        assertThat(rows("task-board", untouched)).as("the damage shows").isNotEqualTo(live);

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
        JsonNode board = Eventually.await(Duration.ofSeconds(60), () -> projection("task-board"),
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
        assertSameRows(rows("task-board", untouched), live);
        assertThat(partialBoards).as("reads during the rebuild").isEmpty();
        untouched.forEach(projectId -> assertThat(SentNotifications.sentFor(projectId))
                .as("notifications for " + projectId + ": each event once").isEqualTo(eventCount(projectId)));
        JsonNode metric = api.get("/actuator/metrics/taskledger.projection.rebuild.progress?tag=projection:task-board")
                .json();
        assertThat(metric.at("/measurements/0/value").asDouble()).isEqualTo(100.0);
        assertThat(api.post("/api/admin/projections/nope/rebuild", null).json().get("code").asText())
                .isEqualTo("PROJECTION_NOT_FOUND");
    }

    @Test
    void a_rebuilt_user_directory_equals_the_live_one_row_by_row_and_repairs_damaged_accounts() throws Exception {
        List<String> usernames = accountHistories(ACCOUNTS);
        awaitCaughtUp("user-directory");
        // renamed throughout the rebuild: left out of the row comparison, checked against its last rename instead
        String renamed = usernames.get(ACCOUNTS - 1);
        Map<String, List<String>> live = rows("user-directory", null);
        jdbc.update("UPDATE user_directory SET display_name = 'damaged', role = 'ADMIN' WHERE username = ?",
                usernames.get(0));
        jdbc.update("UPDATE user_directory SET enabled = NOT enabled WHERE username = ?", usernames.get(3));
        assertThat(rows("user-directory", null)).as("the damage shows").isNotEqualTo(live);

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<String> renames = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; rebuilding.get() || i < 2; i++) {
                Response changed = api.patch("/api/users/" + renamed, ApiClient.json("displayName", "Renamed " + i));
                renames.add(changed.status() + " Renamed " + i);
            }
        });
        writer.start();
        Response started = api.post("/api/admin/projections/user-directory/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("total").asInt()).isGreaterThanOrEqualTo(ACCOUNTS);
        JsonNode directory = Eventually.await(Duration.ofSeconds(60), () -> projection("user-directory"),
                status -> !status.get("state").asText().equals("REBUILDING"));
        rebuilding.set(false);
        writer.join();

        assertThat(directory.get("state").asText()).isEqualTo("RUNNING");
        assertThat(directory.get("lastRebuildFailure").isNull()).isTrue();
        assertThat(renames).allSatisfy(rename -> assertThat(rename).startsWith("204"));
        String lastName = renames.get(renames.size() - 1).substring("204 ".length());
        Eventually.await(Duration.ofSeconds(20), () -> api.get("/api/users/" + renamed).json(),
                account -> account.path("displayName").asText().equals(lastName));
        assertSameRows(without(rows("user-directory", null), renamed), without(live, renamed));
        JsonNode metric = api.get(
                "/actuator/metrics/taskledger.projection.rebuild.progress?tag=projection:user-directory").json();
        assertThat(metric.at("/measurements/0/value").asDouble()).isEqualTo(100.0);
    }

    @Test
    void every_read_model_is_rebuildable_and_its_rebuild_gives_back_the_live_rows() {
        Projects projects = new Projects(api);
        List<String> projectIds = new ArrayList<>();
        for (int kind = 0; kind < 4; kind++) {
            String projectId = projects.createWithExamplePlan();
            play(projects, projectId, kind);
            projectIds.add(projectId);
        }
        Map<String, List<String>> keys = Map.of("task-board", projectIds, "user-directory", accountHistories(5));

        List<JsonNode> listed = StreamSupport.stream(api.get("/api/admin/projections").json().spliterator(), false)
                .toList();
        List<String> rebuildable = listed.stream().filter(projection -> projection.get("rebuildable").asBoolean())
                .map(projection -> projection.get("name").asText()).toList();
        assertThat(listed).allSatisfy(projection -> assertThat(projection.get("rebuildable").asBoolean()
                || NOT_READ_MODELS.contains(projection.get("name").asText()))
                .as(projection.get("name").asText() + " is a read model without a rebuild").isTrue());
        assertThat(rebuildable).as("every read model is rebuildable, and compared here")
                .containsExactlyInAnyOrderElementsOf(READ_MODELS.keySet());

        for (String projection : rebuildable) {
            awaitCaughtUp(projection);
            Map<String, List<String>> live = rows(projection, keys.get(projection));
            assertThat(live.values()).as(projection + " has rows to compare").anySatisfy(
                    rows -> assertThat(rows).isNotEmpty());
            Response started = api.post("/api/admin/projections/" + projection + "/rebuild", null);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            JsonNode status = Eventually.await(Duration.ofSeconds(90), () -> projection(projection),
                    current -> !current.get("state").asText().equals("REBUILDING"));
            assertThat(status.get("lastRebuildFailure").isNull()).as(status.toString()).isTrue();
            assertSameRows(rows(projection, keys.get(projection)), live);
        }
        for (String notReadModel : NOT_READ_MODELS) {
            JsonNode refused = api.post("/api/admin/projections/" + notReadModel + "/rebuild", null).json();
            assertThat(refused.get("code").asText()).isEqualTo("PROJECTION_NOT_FOUND");
            assertThat(refused.get("detail").asText()).contains("task-board", "user-directory");
        }
    }

    /**
     * Accounts with different histories: registered only, renamed, role changed, password changed between other
     * changes (an event the directory does not show), disabled after changes.
     */
    private List<String> accountHistories(int count) {
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean agent = i % 5 == 4;
            String username = agent ? "@" + Accounts.uniqueUsername("rebuilt-agent")
                    : Accounts.uniqueUsername("rebuilt");
            accounts.open(username, agent ? AccountKind.AGENT : AccountKind.HUMAN,
                    agent ? GlobalRole.AGENT : GlobalRole.VIEWER);
            usernames.add(username);
            if (i % 2 == 1) {
                changed(api.patch("/api/users/" + username, ApiClient.json("displayName", "Renamed " + i)));
            }
            if (i % 3 == 1) {
                changed(api.patch("/api/users/" + username, ApiClient.json("password", "a-new-passphrase-" + i)));
                changed(api.patch("/api/users/" + username, ApiClient.json("role", "MANAGER")));
            }
            if (i % 3 == 2) {
                changed(api.patch("/api/users/" + username, ApiClient.json("role", "AUDITOR",
                        "displayName", "Auditor " + i)));
            }
            if (i % 4 == 3) {
                changed(api.delete("/api/users/" + username));
            }
        }
        return usernames;
    }

    private static void changed(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }

    /** Waits until the projection has handled every event stored so far. */
    private void awaitCaughtUp(String projection) {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        Eventually.await(Duration.ofSeconds(20), () -> projection(projection),
                status -> status.get("position").asLong() >= head);
    }

    private static void assertSameRows(Map<String, List<String>> rebuilt, Map<String, List<String>> live) {
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        live.forEach((table, rows) -> assertThat(rebuilt.get(table)).as(table + ", row by row")
                .containsExactlyElementsOf(rows));
    }

    /** The rows without those of one aggregate (its key is the rows' first column in key order). */
    private static Map<String, List<String>> without(Map<String, List<String>> rows, String key) {
        Map<String, List<String>> kept = new TreeMap<>();
        rows.forEach((table, list) -> kept.put(table, list.stream()
                .filter(row -> !row.contains("username=" + key + ",")).toList()));
        return kept;
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

    /**
     * Every row of the read model's tables, as text, in key order (a generated {@code id} left out): of the given
     * aggregates, or of all when {@code keys} is null.
     */
    private Map<String, List<String>> rows(String projection, List<String> keys) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (Table table : READ_MODELS.get(projection)) {
            String sql = "SELECT * FROM " + table.name()
                    + (keys == null ? "" : " WHERE " + table.key() + "::text = ANY (?)") + " ORDER BY " + table.order();
            List<Map<String, Object>> found = keys == null ? jdbc.queryForList(sql)
                    : jdbc.queryForList(sql, (Object) textArray(keys));
            rows.put(table.name(), found.stream()
                    .map(row -> {
                        Map<String, Object> withoutId = new TreeMap<>(row);
                        withoutId.remove("id");
                        return withoutId.toString();
                    })
                    .toList());
        }
        return rows;
    }

    private java.sql.Array textArray(List<String> keys) {
        return jdbc.execute((java.sql.Connection connection) -> connection.createArrayOf("text", keys.toArray()));
    }

    private JsonNode projection(String name) {
        return StreamSupport.stream(api.get("/api/admin/projections").json().spliterator(), false)
                .filter(projection -> projection.get("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no projection " + name));
    }
}
