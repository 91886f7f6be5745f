package io.taskledger.api.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.NodePackages;
import io.taskledger.support.Projects;
import io.taskledger.support.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code subscription { projectChanged }} over both of Spring for GraphQL's transports, with real clients: the npm
 * {@code graphql-ws} client over WebSocket (graphql-transport-ws), and server-sent events over HTTP. The same feed,
 * order and access as {@code GET /api/projects/{id}/stream} (docs/streams.md).
 */
class GraphQlSubscriptionTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION =
            "subscription($p: ID!, $a: Int) { projectChanged(projectId: $p, afterVersion: $a) { version type taskKey } }";

    @Test
    void project_changes_arrive_in_version_order_over_websocket_from_the_history_on() throws Exception {
        String projectId = new Projects(api).create();
        long start = addPhase(projectId, "W0");
        addPhase(projectId, "W1");
        NodePackages client = NodePackages.install("graphql-ws-client");
        CompletableFuture<NodePackages.Result> subscribed = CompletableFuture.supplyAsync(() -> client.run(
                Map.of("TASKLEDGER_TOKEN", api.accessToken()), 60, "node", "subscribe.mjs", webSocketUrl(),
                projectId, Long.toString(start), "PWEND"));
        for (int i = 2; i < 6; i++) {
            addPhase(projectId, "W" + i);
        }
        long end = addPhase(projectId, "WEND");

        NodePackages.Result result = subscribed.get();
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<Long> versions = new ArrayList<>();
        for (String line : result.lines()) {
            JsonNode change = JSON.readTree(line).path("data").path("projectChanged");
            if (!change.isMissingNode()) {
                versions.add(change.get("version").asLong());
                assertThat(change.get("type").asText()).isNotBlank();
            }
        }
        assertThat(versions).as(result.output()).isNotEmpty()
                .containsExactlyElementsOf(range(start + 1, start + versions.size()));
        assertThat(versions.get(versions.size() - 1)).as("up to WEND's TaskAdded, committed live")
                .isGreaterThan(start + 1).isLessThanOrEqualTo(end);
    }

    @Test
    void a_non_member_is_refused_as_for_a_missing_project_over_websocket() throws Exception {
        String projectId = new Projects(api).create();
        assertThat(api.get("/api/projects/" + projectId, "X-Min-Version", "0").status()).isEqualTo(200);
        ApiClient outsider = accounts.fresh(GlobalRole.VIEWER);
        NodePackages client = NodePackages.install("graphql-ws-client");

        for (String project : List.of(projectId, UUID.randomUUID().toString())) {
            NodePackages.Result refused = client.run(Map.of("TASKLEDGER_TOKEN", outsider.accessToken()), 60, "node",
                    "subscribe.mjs", webSocketUrl(), project, "", "none");
            assertThat(refused.output()).contains("\"error\"").contains("PROJECT_NOT_FOUND")
                    .doesNotContain("projectChanged\":{");
        }
        NodePackages.Result anonymous = client.run(Map.of(), 60, "node", "subscribe.mjs", webSocketUrl(), projectId,
                "", "none");
        assertThat(anonymous.output()).as("a connection without a token is closed before anything runs")
                .doesNotContain("\"data\"").contains("\"closed\":4401");
    }

    @Test
    void a_browser_sends_its_token_in_connection_init_and_without_a_valid_one_nothing_runs() throws Exception {
        String projectId = new Projects(api).create();
        long start = addPhase(projectId, "B0");
        NodePackages client = NodePackages.install("graphql-ws-client");
        CompletableFuture<NodePackages.Result> subscribed = CompletableFuture.supplyAsync(() -> client.run(
                Map.of("TASKLEDGER_TOKEN", api.accessToken(), "TASKLEDGER_TOKEN_IN", "init"), 60, "node",
                "subscribe.mjs", webSocketUrl(), projectId, Long.toString(start - 1), "PBEND"));
        addPhase(projectId, "BEND");

        NodePackages.Result result = subscribed.get();

        assertThat(result.output()).as(result.toString()).contains("\"taskKey\":\"PB0\"")
                .contains("\"taskKey\":\"PBEND\"").contains("\"until\":\"PBEND\"");
        NodePackages.Result forged = client.run(Map.of("TASKLEDGER_TOKEN", "not-a-token", "TASKLEDGER_TOKEN_IN",
                "init"), 60, "node", "subscribe.mjs", webSocketUrl(), projectId, "", "none");
        assertThat(forged.output()).as(forged.toString()).doesNotContain("\"data\"").contains("\"closed\":4401");
    }

    @Test
    void project_changes_arrive_over_server_sent_events_and_a_non_member_is_refused() throws Exception {
        String projectId = new Projects(api).create();
        long start = addPhase(projectId, "S0");
        try (SseClient stream = SseClient.post(api.baseUrl() + "/graphql", api.accessToken(), body(projectId, start))) {
            assertThat(stream.status()).isEqualTo(200);
            long end = addPhase(projectId, "S1");
            List<SseClient.Event> events = stream.take((int) (end - start), Duration.ofSeconds(10));
            List<Long> versions = new ArrayList<>();
            for (SseClient.Event event : events) {
                assertThat(event.name()).isEqualTo("next");
                versions.add(JSON.readTree(event.data()).path("data").path("projectChanged").get("version").asLong());
            }
            assertThat(versions).containsExactlyElementsOf(range(start + 1, end));
        }

        ApiClient outsider = accounts.fresh(GlobalRole.VIEWER);
        try (SseClient refused = SseClient.post(outsider.baseUrl() + "/graphql", outsider.accessToken(),
                body(projectId, null))) {
            SseClient.Event first = refused.next(Duration.ofSeconds(10));
            assertThat(first).isNotNull();
            assertThat(first.data()).contains("PROJECT_NOT_FOUND").doesNotContain("\"version\"");
        }
        try (SseClient anonymous = SseClient.post(api.baseUrl() + "/graphql", null, body(projectId, null))) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    private String body(String projectId, Long afterVersion) throws Exception {
        return JSON.writeValueAsString(Map.of("query", SUBSCRIPTION, "variables",
                afterVersion == null ? Map.of("p", projectId) : Map.of("p", projectId, "a", afterVersion)));
    }

    private String webSocketUrl() {
        return api.baseUrl().replace("http://", "ws://") + "/graphql";
    }

    private long addPhase(String projectId, String key) {
        ApiClient.Response added = api.post("/api/projects/" + projectId + "/tasks",
                json("key", "P" + key, "level", "PHASE", "title", "Phase " + key));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return Projects.version(added);
    }

    private static List<Long> range(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            all.add(v);
        }
        return all;
    }
}
