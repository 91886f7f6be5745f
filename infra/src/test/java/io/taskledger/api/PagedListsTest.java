package io.taskledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists that were answered whole are paged by keyset ({@code limit}, {@code after}, answered with
 * {@code X-Has-More} and {@code X-Next-After}): paging through more rows than one page holds while rows are added sees
 * every row that existed before exactly once, and a bad {@code limit} or cursor is refused as bad input.
 */
class PagedListsTest extends IntegrationTest {

    private static final Duration SHOWN = Duration.ofSeconds(20);

    @Test
    void paging_through_the_projects_while_projects_are_created_sees_each_project_once() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        Projects projects = new Projects(manager, accounts);
        Set<String> before = new HashSet<>();
        IntStream.range(0, 7).forEach(i -> before.add(projects.create()));
        Eventually.await(SHOWN, () -> ids(all(manager, "/api/projects"), "id"), shown -> shown.containsAll(before));

        CompletableFuture<Void> creating = CompletableFuture.runAsync(
                () -> IntStream.range(0, 5).forEach(i -> projects.create()));
        List<JsonNode> paged = pageThrough(manager, "/api/projects", 3, page -> slow(creating));
        creating.join();

        assertSeenOnce(paged, "id", before);
        List<Instant> created = paged.stream().map(project -> Instant.parse(project.get("createdAt").asText()))
                .toList();
        assertThat(created).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void paging_through_a_board_while_tasks_are_added_sees_each_task_once_in_plan_order() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        String projectId = new Projects(manager, accounts).create();
        String owner = Accounts.uniqueUsername("pg");
        Response imported = manager.post("/api/projects/" + projectId + "/plan", plan(owner, 12));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        String board = "/api/projects/" + projectId + "/tasks";
        Set<String> before = ids(all(manager, board, "X-Min-Version", String.valueOf(Projects.version(imported))),
                "key");
        assertThat(before).hasSize(14);

        CompletableFuture<Void> adding = CompletableFuture.runAsync(() -> IntStream.rangeClosed(13, 22)
                .forEach(n -> assertThat(manager.post(board, subtask(owner, n, "P01-T01")).status()).isEqualTo(201)));
        List<JsonNode> paged = pageThrough(manager, board, 4, page -> slow(adding));
        adding.join();

        assertSeenOnce(paged, "key", before);
        assertThat(paged.stream().map(task -> task.get("position").asInt()).toList()).isSorted();
    }

    @Test
    void the_agents_and_the_escalation_inbox_page_through_every_entry_once() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        Projects projects = new Projects(manager, accounts);
        String projectId = projects.create();
        String owner = Accounts.uniqueUsername("pg");
        Response imported = manager.post("/api/projects/" + projectId + "/plan", plan(owner, 12));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        for (int n = 1; n <= 5; n++) {
            String key = subtaskKey(n);
            assertThat(projects.start(projectId, key, agent(owner, n)).status()).isEqualTo(200);
            Response escalated = projects.report(projectId, key, 1, Map.of(key + "-01/1", false));
            assertThat(escalated.json().get("status").asText()).as(escalated.toString()).isEqualTo("ESCALATED");
        }
        Eventually.await(SHOWN, () -> all(manager, "/api/escalations?status=OPEN"), open -> open.size() == 5);

        List<JsonNode> agents = pageThrough(manager, "/api/agents", 5, page -> { });
        assertThat(agents.stream().map(agent -> agent.get("agent").asText()).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 12).mapToObj(n -> agent(owner, n)).toList());
        List<JsonNode> inbox = pageThrough(manager, "/api/escalations?status=OPEN", 2, page -> { });
        assertThat(inbox.stream().map(entry -> entry.get("taskKey").asText()).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 5).mapToObj(PagedListsTest::subtaskKey).toList());
    }

    @Test
    void paging_through_the_users_while_accounts_are_opened_sees_each_account_once() {
        Set<String> before = ids(all(api, "/api/users"), "username");

        CompletableFuture<Void> opening = CompletableFuture.runAsync(() -> IntStream.range(0, 8)
                .forEach(i -> accounts.open(Accounts.uniqueUsername("paged"),
                        AccountKind.HUMAN, GlobalRole.VIEWER)));
        List<JsonNode> paged = pageThrough(api, "/api/users", 7, page -> slow(opening));
        opening.join();

        assertSeenOnce(paged, "username", before);
    }

    @Test
    void a_limit_beyond_the_maximum_or_a_malformed_cursor_is_bad_input() {
        String projectId = new Projects(api).createWithExamplePlan();
        for (String path : List.of("/api/projects?limit=1001", "/api/users?limit=0", "/api/agents?limit=many",
                "/api/escalations?limit=5000", "/api/projects/" + projectId + "/tasks?limit=1001",
                "/api/projects/" + projectId + "/tasks?after=third",
                "/api/projects?after=not-an-id", "/api/projects?after=" + UUID.randomUUID(),
                "/api/escalations?after=yesterday",
                "/api/escalations?after=" + projectId + "/P01/1")) {
            Response refused = api.get(path);

            assertThat(refused.status()).as(path + ": " + refused).isEqualTo(400);
            assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).as(path).isEqualTo("INVALID_INPUT");
        }
    }

    @Test
    void a_page_of_the_board_is_revalidated_by_its_version_and_keeps_where_it_ended() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        String projectId = new Projects(manager, accounts).create();
        Response imported = manager.post("/api/projects/" + projectId + "/plan",
                plan(Accounts.uniqueUsername("pg"), 6));
        String page = "/api/projects/" + projectId + "/tasks?limit=3&after=1";
        Response first = manager.get(page, "X-Min-Version", String.valueOf(Projects.version(imported)));
        Response again = manager.get(page);
        Response revalidated = manager.get(page, "If-None-Match", first.header("ETag"));

        assertThat(first.json()).hasSize(3);
        assertThat(first.header("X-Has-More")).isEqualTo("true");
        assertThat(first.header("X-Next-After")).isEqualTo(first.json().get(2).get("position").asText());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("X-Next-After")).isEqualTo(first.header("X-Next-After"));
        assertThat(revalidated.status()).isEqualTo(304);
        Response next = manager.get("/api/projects/" + projectId + "/tasks?limit=3&after="
                + first.header("X-Next-After"));
        assertThat(next.json().get(0).get("position").asInt())
                .isGreaterThan(first.json().get(2).get("position").asInt());
    }

    /** Every page of the list, in order, {@code between} run after each page. */
    private static List<JsonNode> pageThrough(ApiClient client, String path, int limit,
                                              java.util.function.Consumer<Integer> between) {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 1000; page++) {
            Response response = client.get(path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + (after == null ? "" : "&after=" + after));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().size()).isLessThanOrEqualTo(limit);
            response.json().forEach(items::add);
            if (!Boolean.parseBoolean(response.header("X-Has-More"))) {
                return items;
            }
            assertThat(response.json().size()).as("a page before the last is full").isEqualTo(limit);
            after = response.header("X-Next-After");
            between.accept(page);
        }
        throw new AssertionError(path + " did not end");
    }

    private static List<JsonNode> all(ApiClient client, String path, String... headers) {
        Response response = client.get(path + (path.contains("?") ? "&" : "?") + "limit=1000", headers);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("X-Has-More")).isEqualTo("false");
        List<JsonNode> items = new ArrayList<>();
        response.json().forEach(items::add);
        return items;
    }

    private static Set<String> ids(List<JsonNode> items, String field) {
        return new HashSet<>(items.stream().map(item -> item.get(field).asText()).toList());
    }

    /** No row twice, and every row that existed before paging began. */
    private static void assertSeenOnce(List<JsonNode> paged, String field, Set<String> before) {
        List<String> seen = paged.stream().map(item -> item.get(field).asText()).toList();
        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    /** Lets the writer run between pages while it still writes, so pages are read while rows are added. */
    private static void slow(CompletableFuture<Void> writer) {
        if (!writer.isDone()) {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String subtaskKey(int n) {
        return String.format("P01-T01-S%02d", n);
    }

    private static String agent(String owner, int n) {
        return "@" + owner + "-" + String.format("%02d", n);
    }

    /** A phase, a task and {@code subtasks} subtasks, each with its own agent, escalated at its first failure. */
    private static String plan(String owner, int subtasks) {
        String tasks = String.join(",", IntStream.rangeClosed(1, subtasks)
                .mapToObj(n -> subtaskJson(owner, n)).toList());
        return "{\"phases\":[{\"key\":\"P01\",\"title\":\"Build\",\"tasks\":[{\"key\":\"P01-T01\",\"title\":\"Work\","
                + "\"subtasks\":[" + tasks + "]}]}]}";
    }

    private static Map<String, Object> subtask(String owner, int n, String parent) {
        return json("key", subtaskKey(n), "level", "SUBTASK", "parent", parent, "title", "Subtask " + n,
                "assignee", agent(owner, n), "maxRetries", 0, "onFailure", "ESCALATE_TO_HUMAN",
                "steps", List.of(json("key", subtaskKey(n) + "-01", "description", "Check",
                        "successCriteria", List.of(json("type", "EXIT_CODE", "expected", "0")))));
    }

    private static String subtaskJson(String owner, int n) {
        String key = subtaskKey(n);
        return "{\"key\":\"" + key + "\",\"title\":\"Subtask " + n + "\",\"assignee\":\"" + agent(owner, n)
                + "\",\"maxRetries\":0,\"onFailure\":\"ESCALATE_TO_HUMAN\",\"steps\":[{\"key\":\"" + key
                + "-01\",\"description\":\"Check\",\"successCriteria\":[{\"type\":\"EXIT_CODE\",\"expected\":\"0\"}]}]}";
    }
}
