package io.taskledger.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient;
import io.taskledger.support.Projects;
import io.taskledger.support.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes over one PostgreSQL, as behind a load balancer: any node takes any request. Needs servers of its
 * own (child JVMs over a database of its own): the shared integration-test context is one node, and the last test
 * kills a node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    private static final int WRITERS = 8;
    private static final int COMMANDS_PER_WRITER = 15;

    private TwoNodes nodes;
    private ApiClient nodeA;
    private ApiClient nodeB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        nodes = TwoNodes.start("two-node-cluster", List.of());
        nodeA = nodes.first.admin();
        nodeB = new ApiClient(nodes.second.baseUrl()).withToken(nodeA.accessToken());
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
        List<JsonNode> events = new ArrayList<>();
        long after = -1;
        boolean more = true;
        while (more) {
            ApiClient.Response page = node.get("/api/projects/" + projectId + "/events?limit=1000&after=" + after);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("events").forEach(events::add);
            after = page.json().get("nextAfter").asLong();
            more = page.json().get("hasMore").asBoolean();
        }
        return events;
    }
}
