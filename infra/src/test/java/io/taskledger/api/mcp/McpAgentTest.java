package io.taskledger.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.Eventually;
import io.taskledger.support.ExamplePlan;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.McpClients;
import io.taskledger.support.ProjectEvents;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.taskledger.support.ApiClient.json;
import static io.taskledger.support.McpClients.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent works its tasks over MCP ({@code /mcp}, Streamable HTTP) with the MCP Java SDK's client, as its own account:
 * the same commands and queries as REST, and the events it causes say {@code channel: mcp}.
 */
class McpAgentTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Projects projects;

    @BeforeEach
    void setUp() {
        projects = new Projects(api, accounts);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_server_lists_its_tools_with_descriptions_and_schemas() {
        ApiClient agent = projects.agent(uniqueAgent());
        try (McpSyncClient mcp = McpClients.connect(agent)) {
            assertThat(mcp.getServerInfo().name()).isEqualTo("taskledger");
            assertThat(mcp.getServerInstructions()).contains("next_task", "report_attempt");
            List<McpSchema.Tool> tools = mcp.listTools().tools();

            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("next_task", "get_task",
                    "start_task", "report_attempt", "get_board", "list_escalations", "resolve_escalation");
            assertThat(tools).allSatisfy(tool -> {
                assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(80);
                assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object");
                assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
            });
            McpSchema.Tool report = tools.stream().filter(tool -> tool.name().equals("report_attempt")).findFirst()
                    .orElseThrow();
            assertThat((List<Object>) report.inputSchema().get("required"))
                    .containsExactlyInAnyOrder("projectId", "taskKey", "attempt", "results");
            assertThat(report.annotations().readOnlyHint()).isFalse();
        }
    }

    @Test
    void an_agent_drives_a_subtask_from_next_task_to_succeeded_and_its_events_say_channel_mcp() {
        String handle = uniqueAgent();
        String projectId = projects.create();
        ApiClient.Response imported = api.post("/api/projects/" + projectId + "/plan", plan(handle));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        ApiClient agent = projects.agent(handle);
        projects.join(projectId, handle, ProjectRole.AGENT);
        // the members' read shows the join once the board has applied it
        long joined = Projects.version(Eventually.await(Duration.ofSeconds(10),
                () -> api.get("/api/projects/" + projectId + "/members"),
                members -> members.status() == 200 && members.json().toString().contains(handle)));

        try (McpSyncClient mcp = McpClients.connect(agent)) {
            JsonNode board = answer(mcp, "get_board", "projectId", projectId, "minVersion", joined);
            assertThat(board.at("/project/id").asText()).isEqualTo(projectId);
            assertThat(board.get("tasks")).extracting(task -> task.get("key").asText() + "=" + task.get("status").asText())
                    .contains("P04-T01-S01=READY", "P04-T01-S02=PENDING");

            JsonNode next = answer(mcp, "next_task").get("task");
            assertThat(next.get("projectId").asText()).isEqualTo(projectId);
            assertThat(next.get("key").asText()).isEqualTo("P04-T01-S01");

            JsonNode task = answer(mcp, "get_task", "projectId", projectId, "taskKey", "P04-T01-S01");
            assertThat(task.get("status").asText()).isEqualTo("READY");
            assertThat(task.get("lease").isNull()).isTrue();
            assertThat(task.at("/steps/0/criteria")).extracting(criterion -> criterion.get("criterion").asText())
                    .containsExactly("P04-T01-S01-01/1", "P04-T01-S01-01/2");

            JsonNode started = answer(mcp, "start_task", "projectId", projectId, "taskKey", "P04-T01-S01");
            assertThat(started.get("attempt").asInt()).isEqualTo(1);
            assertThat(started.get("leaseExpiresAt").asText()).isNotBlank();
            JsonNode running = answer(mcp, "get_task", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "minVersion", started.get("version").asLong());
            assertThat(running.get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(running.at("/lease/attempt").asInt()).isEqualTo(1);
            assertThat(running.at("/lease/agent").asText()).isEqualTo(handle);
            assertThat(running.at("/lease/expiresAt").asText()).isEqualTo(started.get("leaseExpiresAt").asText());

            JsonNode reported = answer(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", 1, "results", List.of(
                            json("criterion", "P04-T01-S01-01/1", "passed", true, "evidence", "npm ci: exit 0"),
                            json("criterion", "P04-T01-S01-01/2", "passed", true, "evidence", "package.json found")));
            assertThat(reported.get("taskKey").asText()).isEqualTo("P04-T01-S01");
            assertThat(reported.get("status").asText()).isEqualTo("SUCCEEDED");

            JsonNode done = answer(mcp, "get_task", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "minVersion", reported.get("version").asLong());
            assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(done.get("lease").isNull()).isTrue();
            assertThat(done.at("/attemptHistory/0/outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(done.at("/attemptHistory/0/results/0/evidence").asText()).isEqualTo("npm ci: exit 0");
            JsonNode after = answer(mcp, "get_board", "projectId", projectId, "minVersion",
                    reported.get("version").asLong(), "status", "READY");
            assertThat(after.get("tasks")).extracting(row -> row.get("key").asText()).containsExactly("P04-T01-S02");
            assertThat(reported.get("position").asLong()).isPositive();
            JsonNode following = answer(mcp, "next_task", "minPosition", reported.get("position").asLong()).get("task");
            assertThat(following.get("key").asText()).as("never the task just finished").isEqualTo("P04-T01-S02");
        }

        List<JsonNode> ofTheAgent = metadataOfEventsBy(projectId, handle);
        assertThat(ofTheAgent).extracting(metadata -> metadata.path("causationName").asText())
                .contains("StartTaskCommand", "ReportAttemptCommand");
        assertThat(ofTheAgent).hasSizeGreaterThanOrEqualTo(4).allSatisfy(metadata -> {
            assertThat(metadata.path("channel").asText()).as(metadata.toString()).isEqualTo("mcp");
            assertThat(metadata.path("actorRole").asText()).isEqualTo("AGENT");
        });
        assertThat(metadataOfEventsBy(projectId, "admin")).as("the plan came over REST").isNotEmpty()
                .allSatisfy(metadata -> assertThat(metadata.path("channel").asText()).isEqualTo("rest"));
        assertThat(ProjectEvents.all(api, projectId)).as("the event log shows an auditor the channel")
                .filteredOn(event -> event.at("/metadata/actor").asText().equals(handle)).isNotEmpty()
                .allSatisfy(event -> assertThat(event.at("/metadata/channel").asText()).isEqualTo("mcp"));
        assertThat(api.get("/api/projects/" + projectId + "/verify").json().get("intact").asBoolean())
                .as("the channel is part of each event's link in the hash chain").isTrue();
    }

    @Test
    void a_task_whose_attempts_ran_out_is_escalated_and_a_manager_resolves_it_over_mcp() {
        String handle = uniqueAgent();
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        Projects managed = new Projects(manager, accounts);
        String projectId = managed.create();
        assertThat(manager.post("/api/projects/" + projectId + "/plan", plan(handle)).status()).isEqualTo(200);
        ApiClient agent = managed.agent(handle);
        managed.join(projectId, handle, ProjectRole.AGENT);
        List<Object> failing = List.of(json("criterion", "P04-T01-S01-01/1", "passed", false, "evidence", "exit 1"),
                json("criterion", "P04-T01-S01-01/2", "passed", true, "evidence", "found"));

        try (McpSyncClient mcp = McpClients.connect(agent)) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                JsonNode started = answer(mcp, "start_task", "projectId", projectId, "taskKey", "P04-T01-S01");
                assertThat(started.get("attempt").asInt()).isEqualTo(attempt);
                JsonNode reported = answer(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                        "attempt", attempt, "results", failing);
                assertThat(reported.get("status").asText()).isEqualTo(attempt == 1 ? "READY" : "ESCALATED");
            }
            assertThat(McpClients.refusal(mcp, "resolve_escalation", "projectId", projectId, "taskKey",
                    "P04-T01-S01", "decision", "ACCEPT", "justification", "mine").get("code").asText())
                    .as("an agent does not decide its own escalation").isEqualTo("FORBIDDEN");
        }

        try (McpSyncClient mcp = McpClients.connect(manager)) {
            JsonNode inbox = Eventually.await(Duration.ofSeconds(10),
                    () -> answer(mcp, "list_escalations", "status", "OPEN"),
                    answer -> answer.get("escalations").size() > 0);
            assertThat(inbox.get("escalations")).hasSize(1);
            JsonNode escalation = inbox.get("escalations").get(0);
            assertThat(escalation.get("projectId").asText()).isEqualTo(projectId);
            assertThat(escalation.get("taskKey").asText()).isEqualTo("P04-T01-S01");
            assertThat(escalation.get("attempts").asInt()).isEqualTo(2);
            assertThat(escalation.at("/failedCriteria/0/evidence").asText()).isEqualTo("exit 1");

            JsonNode resolved = answer(mcp, "resolve_escalation", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "decision", "ACCEPT", "justification", "checked by hand: the install works");
            JsonNode accepted = answer(mcp, "get_task", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "minVersion", resolved.get("version").asLong());
            assertThat(accepted.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(Eventually.await(Duration.ofSeconds(10),
                    () -> answer(mcp, "list_escalations", "status", "RESOLVED"),
                    answer -> answer.get("escalations").size() > 0).at("/escalations/0/decision").asText())
                    .isEqualTo("ACCEPT");
        }
    }

    private List<JsonNode> metadataOfEventsBy(String projectId, String actor) {
        return jdbc.queryForList("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number""", String.class, projectId)
                .stream().map(McpAgentTest::read).filter(metadata -> metadata.path("actor").asText().equals(actor))
                .toList();
    }

    static String uniqueAgent() {
        return "@mcp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Object plan(String agent) {
        try {
            return JSON.readValue(ExamplePlan.json().replace("@coding-agent", agent), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
