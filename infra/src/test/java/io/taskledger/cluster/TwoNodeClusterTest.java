package io.taskledger.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.Eventually;
import io.taskledger.support.McpClients;
import io.taskledger.support.ProjectEvents;
import io.taskledger.support.Projects;
import io.taskledger.support.ServerChild;
import io.taskledger.support.SseClient;
import io.taskledger.support.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes over one PostgreSQL, as behind a load balancer: any node takes any request. Needs servers of its
 * own (child JVMs over a database of its own): the shared integration-test context is one node, and the last test
 * kills a node. Alongside them run a query-only and a command-only node (node roles), started with the second node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    private static final int WRITERS = 8;
    private static final int COMMANDS_PER_WRITER = 15;

    private TwoNodes nodes;
    private ApiClient nodeA;
    private ApiClient nodeB;
    private ServerChild queryNode;
    private ServerChild commandNode;

    @BeforeAll
    void startTwoNodes() throws Exception {
        nodes = TwoNodes.start("two-node-cluster", List.of(), List.of("query", "command"));
        nodeA = nodes.first.admin();
        nodeB = new ApiClient(nodes.second.baseUrl()).withToken(nodeA.accessToken());
        queryNode = nodes.roleNodes.get(0);
        commandNode = nodes.roleNodes.get(1);
    }

    @AfterAll
    void stopThem() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void commands_on_one_project_sent_to_both_nodes_at_once_are_all_applied_in_one_gapless_sequence()
            throws Exception {
        String projectId = createProject(nodeA);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Set<Long> versions = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int id = writer;
            done.add(writers.submit(() -> {
                for (int n = 0; n < COMMANDS_PER_WRITER; n++) {
                    ApiClient node = (id + n) % 2 == 0 ? nodeA : nodeB;
                    ApiClient.Response added = node.post("/api/projects/" + projectId + "/tasks",
                            json("key", "W" + id + "-" + n, "level", "PHASE", "title", "phase"));
                    statuses.merge(added.status(), 1, Integer::sum);
                    if (added.status() == 201) {
                        versions.add(added.json().get("version").asLong());
                    }
                }
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();

        assertThat(statuses).containsOnlyKeys(201);
        assertThat(versions).hasSize(WRITERS * COMMANDS_PER_WRITER);
        List<JsonNode> events = events(nodeB, projectId);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence").asLong()).isEqualTo(i);
        }
        assertThat(events.stream().filter(event -> event.get("type").asText().equals("TaskAdded")))
                .hasSize(WRITERS * COMMANDS_PER_WRITER);
    }

    @Test
    @Order(2)
    void a_node_whose_cached_project_is_behind_decides_on_the_stored_one() {
        String projectId = createProject(nodeA);
        ApiClient.Response onA = addPhase(nodeA, projectId, "A1");
        assertThat(onA.status()).as(onA.toString()).isEqualTo(201);
        ApiClient.Response onB = addPhase(nodeB, projectId, "B1");
        assertThat(onB.status()).as(onB.toString()).isEqualTo(201);

        // Node A cached the project before B moved it on: A must see B1 and B's version.
        ApiClient.Response duplicate = addPhase(nodeA, projectId, "B1");
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asText()).isEqualTo("DUPLICATE_TASK_KEY");
        ApiClient.Response atBsVersion = nodeA.post("/api/projects/" + projectId + "/tasks",
                json("key", "A2", "level", "PHASE", "title", "phase"), "If-Match",
                "\"" + onB.json().get("version").asLong() + "\"");
        assertThat(atBsVersion.status()).as(atBsVersion.toString()).isEqualTo(201);
    }

    /** Each node follows the store itself (docs/streams.md, "Several nodes"), a query-only node too. */
    @Test
    @Order(3)
    void a_change_committed_on_one_node_reaches_the_live_streams_on_the_others_in_version_order() {
        String projectId = createProject(nodeA);
        String stream = "/api/projects/" + projectId + "/stream";
        try (SseClient onB = SseClient.open(nodeB.baseUrl() + stream, nodeB.accessToken(), "X-Min-Version", "0");
             SseClient onQueryNode = SseClient.open(queryNode.baseUrl() + stream, nodeA.accessToken(),
                     "X-Min-Version", "0")) {
            assertThat(onB.status()).as(onB.refusal()).isEqualTo(200);
            assertThat(onQueryNode.status()).as(onQueryNode.refusal()).isEqualTo(200);
            long last = 0;
            for (int i = 0; i < 5; i++) {
                ApiClient.Response added = addPhase(nodeA, projectId, "L" + i);
                assertThat(added.status()).as(added.toString()).isEqualTo(201);
                last = Projects.version(added);
            }
            for (SseClient client : List.of(onB, onQueryNode)) {
                // The stream's first comment names the version it starts after (the project's when it opened).
                String opening = client.comments().get(0);
                long opened = Long.parseLong(opening.substring(opening.lastIndexOf(' ') + 1));
                List<String> ids = client.take((int) (last - opened), Duration.ofSeconds(10)).stream()
                        .map(SseClient.Event::id).toList();
                assertThat(ids).containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(opened + 1, last).mapToObj(Long::toString).toList());
            }
        }
    }

    @Test
    @Order(3)
    void a_write_answered_by_one_node_is_read_on_the_other_with_x_min_version() {
        String projectId = createProject(nodeA);
        for (int round = 0; round < 10; round++) {
            ApiClient writer = round % 2 == 0 ? nodeA : nodeB;
            ApiClient reader = round % 2 == 0 ? nodeB : nodeA;
            ApiClient.Response added = addPhase(writer, projectId, "R" + round);
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            ApiClient.Response read = reader.get(Projects.task(projectId, "R" + round),
                    "X-Min-Version", added.header("ETag"));
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void the_processors_segments_are_spread_over_both_nodes() {
        Map<String, Long> owners = Eventually.await(Duration.ofSeconds(30), () -> segmentOwners("task-board"),
                held -> held.size() == 2 && held.values().stream().allMatch(count -> count == 4));
        assertThat(owners).containsOnlyKeys(nodes.first.nodeId(), nodes.second.nodeId());
    }

    @Test
    @Order(5)
    void a_lease_scheduled_by_one_node_fires_once_in_the_cluster() {
        String projectId = projectWithStartedTask(nodeA, "L1");
        expireLeasesOf(projectId);

        awaitTimedOut(nodeB, projectId, "L1");
        assertThat(attemptFailures(nodeB, projectId)).isEqualTo(1);
    }

    @Test
    @Order(6)
    void a_rebuild_runs_once_for_the_cluster_and_every_node_reports_it() {
        // The first node runs a rebuild (as the claim it takes records it); the second may not start another.
        nodes.jdbc.update("INSERT INTO projection_rebuild (projection, node_id, running, done, total)"
                + " VALUES ('task-board', ?, true, 3, 10) ON CONFLICT (projection) DO UPDATE SET node_id ="
                + " excluded.node_id, running = true, done = 3, total = 10", nodes.first.nodeId());
        ApiClient.Response refused = nodeB.post("/api/admin/projections/task-board/rebuild", null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("REBUILD_RUNNING");
        assertThat(projection(nodeB, "task-board").get("state").asText()).isEqualTo("REBUILDING");

        // A claim of a node that is gone is void: the rebuild starts again, once.
        nodes.jdbc.update("UPDATE projection_rebuild SET node_id = 'gone@nowhere' WHERE projection = 'task-board'");
        ApiClient.Response started = nodeB.post("/api/admin/projections/task-board/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        Eventually.await(Duration.ofSeconds(60), () -> projection(nodeA, "task-board"),
                status -> status.get("state").asText().equals("RUNNING"));
        assertThat(nodes.jdbc.queryForObject("SELECT node_id FROM projection_rebuild WHERE projection = 'task-board'",
                String.class)).isEqualTo(nodes.second.nodeId());
    }

    @Test
    @Order(7)
    void a_logout_on_one_node_ends_the_session_on_the_other_within_a_second() {
        ApiClient onA = accounts().fresh(GlobalRole.VIEWER);
        ApiClient onB = onNodeB(onA);
        assertThat(onB.get("/api/projects").status()).as("cached on B").isEqualTo(200);

        assertThat(onA.post("/api/auth/logout", null).status()).isEqualTo(200);

        refusedOnBWithinASecond(onB, "/api/projects", 401);
    }

    @Test
    @Order(8)
    void disabling_an_account_or_changing_its_role_or_password_on_one_node_holds_on_the_other_within_a_second() {
        Accounts accounts = accounts();
        String demoted = Accounts.uniqueUsername("demoted");
        ApiClient demotedOnB = onNodeB(accounts.as(demoted, AccountKind.HUMAN, GlobalRole.ADMIN));
        assertThat(demotedOnB.get("/api/admin/projections").status()).isEqualTo(200);
        assertThat(nodeA.patch("/api/users/" + demoted, json("role", "VIEWER")).status()).isEqualTo(204);
        refusedOnBWithinASecond(demotedOnB, "/api/admin/projections", 403);

        String disabled = Accounts.uniqueUsername("disabled");
        ApiClient disabledOnB = onNodeB(accounts.as(disabled, AccountKind.HUMAN, GlobalRole.VIEWER));
        assertThat(disabledOnB.get("/api/projects").status()).isEqualTo(200);
        assertThat(nodeA.delete("/api/users/" + disabled).status()).isEqualTo(204);
        refusedOnBWithinASecond(disabledOnB, "/api/projects", 401);

        String renewed = Accounts.uniqueUsername("renewed");
        accounts.open(renewed, AccountKind.HUMAN, GlobalRole.VIEWER);
        ApiClient.Response login = new ApiClient(nodes.first.baseUrl()).post("/api/auth/login",
                json("username", renewed, "password", Accounts.PASSWORD));
        ApiClient renewedOnB = new ApiClient(nodes.second.baseUrl())
                .withToken(login.json().get("accessToken").asText());
        assertThat(renewedOnB.get("/api/projects").status()).isEqualTo(200);
        assertThat(nodeA.patch("/api/users/" + renewed, json("password", "another-long-passphrase-9")).status())
                .isEqualTo(204);
        refusedOnBWithinASecond(renewedOnB, "/api/projects", 401);
        ApiClient.Response refresh = new ApiClient(nodes.second.baseUrl()).post("/api/auth/refresh",
                json("refreshToken", login.json().get("refreshToken").asText()));
        assertThat(refresh.status()).as("the session's refresh family is revoked on B too").isEqualTo(401);
    }

    @Test
    @Order(9)
    void failed_logins_count_for_the_cluster_not_per_node() {
        String username = Accounts.uniqueUsername("guessed");
        accounts().open(username, AccountKind.HUMAN, GlobalRole.VIEWER);
        int allowed = 5;
        for (int attempt = 0; attempt < allowed; attempt++) {
            ServerNode node = attempt % 2 == 0 ? ServerNode.A : ServerNode.B;
            ApiClient.Response refused = new ApiClient(baseUrl(node)).post("/api/auth/login",
                    json("username", username, "password", "a-wrong-guess-" + attempt));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        }
        for (ServerNode node : ServerNode.values()) {
            ApiClient.Response throttled = new ApiClient(baseUrl(node)).post("/api/auth/login",
                    json("username", username, "password", Accounts.PASSWORD));
            assertThat(throttled.status()).as(node + ": " + throttled).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isNotBlank();
        }
    }

    @Test
    @Order(10)
    void a_query_node_answers_reads_and_refuses_commands_without_appending_any_event() {
        ApiClient onQueryNode = asAdmin(queryNode);
        String projectId = createProject(nodeA);
        ApiClient.Response added = addPhase(nodeA, projectId, "Q1");
        ApiClient.Response read = onQueryNode.get(Projects.task(projectId, "Q1"), "X-Min-Version",
                added.header("ETag"));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);

        long eventsBefore = storedEvents();
        List<ApiClient.Response> refused = List.of(
                onQueryNode.post("/api/projects", json("key", Projects.uniqueKey(), "name", "refused")),
                onQueryNode.post("/api/projects/" + projectId + "/tasks",
                        json("key", "Q2", "level", "PHASE", "title", "phase"), "Idempotency-Key", "q2-once"),
                onQueryNode.post("/api/v1/projects/" + projectId + "/archive", null),
                onQueryNode.patch("/api/users/admin", json("displayName", "renamed")),
                onQueryNode.post("/api/auth/password", json("currentPassword", ServerChild.ADMIN_PASSWORD,
                        "newPassword", "another-long-passphrase-7")));
        refused.forEach(refusal -> assertMisdirected(refusal, "NOT_A_COMMAND_NODE"));
        ApiClient.Response mutation = onQueryNode.post("/graphql", json("query",
                "mutation { createProject(input: {key: \"" + Projects.uniqueKey() + "\", name: \"refused\"}) { id } }"));
        assertThat(mutation.json().at("/errors/0/extensions/code").asText()).as(mutation.toString())
                .isEqualTo("NOT_A_COMMAND_NODE");
        ApiClient.Response query = onQueryNode.post("/graphql", json("query", "{ me { username } }"));
        assertThat(query.json().at("/data/me/username").asText()).as(query.toString()).isEqualTo("admin");
        try (McpSyncClient mcp = McpClients.connect(onQueryNode)) {
            assertThat(McpClients.answer(mcp, "get_board", "projectId", projectId).at("/project/id").asText())
                    .isEqualTo(projectId);
            assertThat(McpClients.refusal(mcp, "resolve_escalation", "projectId", projectId, "taskKey", "Q1",
                    "decision", "ACCEPT", "justification", "refused").get("code").asText())
                    .isEqualTo("NOT_A_COMMAND_NODE");
        }
        assertThat(storedEvents()).as("events appended by the query node").isEqualTo(eventsBefore);

        // A refused request claimed nothing: the same request, key included, goes through on a command node.
        ApiClient.Response resent = nodeA.post("/api/projects/" + projectId + "/tasks",
                json("key", "Q2", "level", "PHASE", "title", "phase"), "Idempotency-Key", "q2-once");
        assertThat(resent.status()).as(resent.toString()).isEqualTo(201);
        assertThat(new ApiClient(queryNode.baseUrl()).post("/api/auth/login",
                json("username", "admin", "password", ServerChild.ADMIN_PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    @Order(11)
    void a_command_node_takes_commands_and_refuses_reads() {
        ApiClient onCommandNode = asAdmin(commandNode);
        String projectId = createProject(onCommandNode);
        ApiClient.Response added = addPhase(onCommandNode, projectId, "C1");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(nodeB.get(Projects.task(projectId, "C1"), "X-Min-Version", added.header("ETag")).status())
                .as("built by the projection nodes").isEqualTo(200);

        for (String read : List.of("/api/projects", "/api/v1/projects/" + projectId, Projects.task(projectId, "C1"),
                "/api/projects/" + projectId + "/events")) {
            assertMisdirected(onCommandNode.get(read), "NOT_A_QUERY_NODE");
        }
        ApiClient.Response query = onCommandNode.post("/graphql", json("query", "{ me { username } }"));
        assertThat(query.json().at("/errors/0/extensions/code").asText()).as(query.toString())
                .isEqualTo("NOT_A_QUERY_NODE");
        try (McpSyncClient mcp = McpClients.connect(onCommandNode)) {
            assertThat(mcp.listTools().tools()).as("tools/list on any node").hasSize(7);
            assertThat(McpClients.refusal(mcp, "get_board", "projectId", projectId).get("code").asText())
                    .isEqualTo("NOT_A_QUERY_NODE");
        }
        assertThat(onCommandNode.get("/api/admin/projections").status()).as("operators' reads: any node")
                .isEqualTo(200);
    }

    @Test
    @Order(12)
    void nodes_without_projections_claim_no_segments_and_health_checks_each_role_a_node_runs() {
        Set<String> projectionNodes = Set.of(nodes.first.nodeId(), nodes.second.nodeId());
        assertThat(segmentOwners("task-board").keySet()).isSubsetOf(projectionNodes);
        assertThat(segmentOwners("user-directory").keySet()).isSubsetOf(projectionNodes);
        for (ServerChild node : nodes.roleNodes) {
            JsonNode board = projection(asAdmin(node), "task-board");
            assertThat(board.get("state").asText()).as(node.nodeId()).isEqualTo("STOPPED");
            assertThat(board.get("segments")).as(node.nodeId()).isEmpty();
        }

        assertThat(healthComponents(nodes.first)).contains("command", "query", "projections");
        assertThat(healthComponents(queryNode)).contains("query").doesNotContain("command", "projections");
        assertThat(healthComponents(commandNode)).contains("command").doesNotContain("query", "projections");
        assertThat(nodes.jdbc.queryForObject("SELECT roles FROM cluster_node WHERE node_id = ?", String.class,
                queryNode.nodeId())).isEqualTo("query");

        // A load balancer's pool of command nodes checks /health/command, its pool of query nodes /health/query.
        assertThat(new ApiClient(queryNode.baseUrl()).get("/health/query").status()).isEqualTo(200);
        ApiClient.Response notRun = new ApiClient(queryNode.baseUrl()).get("/health/command");
        assertThat(notRun.status()).as(notRun.toString()).isEqualTo(503);
        assertThat(notRun.json().get("status").asText()).isEqualTo("ROLE_NOT_RUN_HERE");
        assertThat(new ApiClient(commandNode.baseUrl()).get("/health/command").status()).isEqualTo(200);
        assertThat(new ApiClient(commandNode.baseUrl()).get("/health/query").status()).isEqualTo(503);
        assertThat(new ApiClient(nodes.first.baseUrl()).get("/health/projections").status()).isEqualTo(200);
    }

    /** The administrator's session, on another node. */
    private ApiClient asAdmin(ServerChild node) {
        return new ApiClient(node.baseUrl()).withToken(nodeA.accessToken());
    }

    private static void assertMisdirected(ApiClient.Response refusal, String code) {
        assertThat(refusal.status()).as(refusal.toString()).isEqualTo(421);
        assertThat(refusal.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refusal.json().get("code").asText()).isEqualTo(code);
    }

    private static Set<String> healthComponents(ServerChild node) {
        ApiClient.Response health = new ApiClient(node.baseUrl()).get("/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        Set<String> names = new java.util.TreeSet<>();
        health.json().get("components").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private long storedEvents() {
        return nodes.jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private enum ServerNode { A, B }

    private String baseUrl(ServerNode node) {
        return node == ServerNode.A ? nodes.first.baseUrl() : nodes.second.baseUrl();
    }

    private Accounts accounts() {
        return new Accounts(nodeA);
    }

    private ApiClient onNodeB(ApiClient onA) {
        return new ApiClient(nodes.second.baseUrl()).withToken(onA.accessToken());
    }

    private static void refusedOnBWithinASecond(ApiClient onB, String path, int status) {
        long changedAt = System.nanoTime();
        Eventually.await(Duration.ofSeconds(1), () -> onB.get(path).status(), seen -> seen == status);
        System.out.println(path + " refused on the other node " + (System.nanoTime() - changedAt) / 1_000_000
                + " ms after the change was answered");
    }

    /**
     * Last: kills the first node. Its segments go to the second within 10 s (none to the nodes without
     * projections), a lease it scheduled fires on the second, and the board the two nodes built, part each, equals a
     * rebuild from the events.
     */
    @Test
    @Order(20)
    void when_a_node_dies_the_other_takes_over_its_segments_and_deadlines_and_nothing_is_applied_twice()
            throws Exception {
        String leased = projectWithStartedTask(nodeA, "K1");
        List<String> projectIds = new ArrayList<>(List.of(leased));
        for (int i = 0; i < 4; i++) {
            String projectId = createProject(i % 2 == 0 ? nodeA : nodeB);
            projectIds.add(projectId);
            for (int n = 0; n < 5; n++) {
                assertThat(addPhase(n % 2 == 0 ? nodeA : nodeB, projectId, "K" + n).status()).isEqualTo(201);
            }
        }
        Eventually.await(Duration.ofSeconds(30), () -> segmentOwners("task-board"), held -> held.size() == 2);

        long killedAt = System.nanoTime();
        nodes.first.kill();
        Eventually.await(Duration.ofSeconds(10), () -> segmentOwners("task-board"),
                held -> held.equals(Map.of(nodes.second.nodeId(), 8L)));
        Eventually.await(Duration.ofSeconds(10), () -> segmentOwners("user-directory"),
                held -> held.equals(Map.of(nodes.second.nodeId(), 1L)));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.println("segments taken over " + takeover.toMillis() + " ms after the kill");

        expireLeasesOf(leased);
        awaitTimedOut(nodeB, leased, "K1");
        assertThat(attemptFailures(nodeB, leased)).isEqualTo(1);

        ApiClient.Response afterKill = addPhase(nodeB, projectIds.get(1), "AFTER");
        assertThat(afterKill.status()).as(afterKill.toString()).isEqualTo(201);
        assertThat(nodeB.get(Projects.task(projectIds.get(1), "AFTER"), "X-Min-Version", afterKill.header("ETag"))
                .status()).isEqualTo(200);
        for (String projectId : projectIds) {
            long stored = nodes.jdbc.queryForObject(
                    "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                    projectId);
            assertThat(nodeB.get("/api/projects/" + projectId, "X-Min-Version", String.valueOf(stored)).status())
                    .isEqualTo(200);
        }
        Map<String, List<String>> live = boardRows(projectIds);
        ApiClient.Response rebuild = nodeB.post("/api/admin/projections/task-board/rebuild", null);
        assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(202);
        Eventually.await(Duration.ofSeconds(60), () -> projection(nodeB, "task-board"),
                status -> !status.get("state").asText().equals("REBUILDING"));
        assertThat(boardRows(projectIds)).isEqualTo(live);
    }

    /** Who holds how many of the processor's segments (claims not timed out). */
    private Map<String, Long> segmentOwners(String processor) {
        Map<String, Long> owners = new TreeMap<>();
        nodes.jdbc.query("SELECT owner, count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL"
                        + " GROUP BY owner", row -> {
                    owners.put(row.getString(1), row.getLong(2));
                }, processor);
        return owners;
    }

    private String projectWithStartedTask(ApiClient node, String key) {
        String projectId = createProject(node);
        ApiClient.Response added = node.post("/api/projects/" + projectId + "/tasks", json("key", key, "level",
                "PHASE", "title", key, "maxRetries", 2, "timeoutMinutes", 1));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        ApiClient.Response started = new Projects(node).start(projectId, key, "@cluster-agent");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return projectId;
    }

    /** Brings the project's one-minute leases forward instead of waiting for them. */
    private void expireLeasesOf(String projectId) {
        int leases = nodes.jdbc.update("UPDATE scheduled_tasks SET execution_time = now()"
                + " WHERE position(convert_to(?, 'UTF8') in task_data) > 0", projectId);
        assertThat(leases).isEqualTo(1);
    }

    private static void awaitTimedOut(ApiClient node, String projectId, String key) {
        Eventually.await(Duration.ofSeconds(20), () -> node.get(Projects.task(projectId, key)).json(),
                task -> "TIMED_OUT".equals(task.path("attemptHistory").path(0).path("failureReason").asText()));
    }

    /** AttemptFailed events in the project's stream, after a pause in which a second firing would show. */
    private long attemptFailures(ApiClient node, String projectId) {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return events(node, projectId).stream().filter(event -> event.get("type").asText().equals("AttemptFailed"))
                .count();
    }

    private Map<String, List<String>> boardRows(List<String> projectIds) {
        Map<String, List<String>> rows = new TreeMap<>();
        Map<String, String> orders = Map.of("board_project", "project_id", "board_task", "project_id, task_key",
                "board_attempt", "project_id, task_key, number", "board_member", "project_id, username");
        for (Map.Entry<String, String> table : orders.entrySet()) {
            rows.put(table.getKey(), nodes.jdbc.queryForList("SELECT * FROM " + table.getKey()
                            + " WHERE project_id::text = ANY (?) ORDER BY " + table.getValue(),
                            (Object) projectIds.toArray(String[]::new)).stream()
                    .map(row -> {
                        Map<String, Object> withoutId = new TreeMap<>(row);
                        withoutId.remove("id");
                        return withoutId.toString();
                    }).toList());
        }
        return rows;
    }

    private static JsonNode projection(ApiClient node, String name) {
        for (JsonNode projection : node.get("/api/admin/projections").json()) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private static String createProject(ApiClient node) {
        ApiClient.Response created = node.post("/api/projects",
                json("key", Projects.uniqueKey(), "name", "Cluster project", "description", "two nodes"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static ApiClient.Response addPhase(ApiClient node, String projectId, String key) {
        return node.post("/api/projects/" + projectId + "/tasks", json("key", key, "level", "PHASE", "title", key));
    }

    private static List<JsonNode> events(ApiClient node, String projectId) {
        return ProjectEvents.all(node, projectId);
    }
}
