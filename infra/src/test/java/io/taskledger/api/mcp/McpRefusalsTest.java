package io.taskledger.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.McpClients;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.taskledger.support.ApiClient.json;
import static io.taskledger.support.McpClients.answer;
import static io.taskledger.support.McpClients.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What /mcp refuses, and how: a refused command or query is a tool result with {@code isError: true} whose text is
 * REST's problem (the same code and detail), not a protocol error; bad arguments name the field; a non-member learns
 * what a missing project would tell; no token, no MCP.
 */
class McpRefusalsTest extends IntegrationTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
             "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";

    private Projects projects;
    private String handle;
    private String projectId;
    private ApiClient agent;
    /** The project's version once the agent joined: reads ask for it, so the board shows the project. */
    private long joinedVersion;

    @BeforeEach
    void setUp() {
        projects = new Projects(api, accounts);
        handle = McpAgentTest.uniqueAgent();
        projectId = projects.create();
        Response imported = api.post("/api/projects/" + projectId + "/plan", McpAgentTest.plan(handle));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        agent = projects.agent(handle);
        Response joined = api.post("/api/projects/" + projectId + "/members",
                json("username", handle, "role", ProjectRole.AGENT.name()));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        joinedVersion = Projects.version(joined);
    }

    @Test
    void a_refused_command_is_a_tool_error_with_the_rest_code_and_detail() {
        try (McpSyncClient mcp = McpClients.connect(agent)) {
            JsonNode notReady = refusal(mcp, "start_task", "projectId", projectId, "taskKey", "P04-T01-S02");
            Response rest = agent.post(Projects.task(projectId, "P04-T01-S02") + "/start", null);
            assertThat(rest.status()).isEqualTo(409);
            assertThat(notReady.get("code").asText()).isEqualTo("TASK_NOT_READY")
                    .isEqualTo(rest.json().get("code").asText());
            assertThat(notReady.get("status").asInt()).isEqualTo(409);
            assertThat(notReady.get("detail").asText()).isEqualTo(rest.json().get("detail").asText()).isNotBlank();

            JsonNode started = answer(mcp, "start_task", "projectId", projectId, "taskKey", "P04-T01-S01");
            List<Object> results = List.of(json("criterion", "P04-T01-S01-01/1", "passed", true),
                    json("criterion", "P04-T01-S01-01/2", "passed", true));
            JsonNode wrongAttempt = refusal(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", 2, "results", results);
            Response restWrongAttempt = agent.post(Projects.task(projectId, "P04-T01-S01") + "/report",
                    json("attempt", 2, "results", results));
            assertThat(restWrongAttempt.status()).isEqualTo(409);
            assertThat(wrongAttempt.get("code").asText()).isEqualTo(restWrongAttempt.json().get("code").asText());
            assertThat(wrongAttempt.get("detail").asText()).isEqualTo(restWrongAttempt.json().get("detail").asText());

            JsonNode stale = refusal(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", 1, "results", results, "expectedVersion", started.get("version").asLong() - 1);
            assertThat(stale.get("code").asText()).isEqualTo("VERSION_MISMATCH");
            assertThat(answer(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", 1, "results", results, "expectedVersion", started.get("version").asLong())
                    .get("status").asText()).as("nothing refused changed the task").isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void bad_arguments_are_refused_naming_the_field() {
        try (McpSyncClient mcp = McpClients.connect(agent)) {
            assertInvalid(refusal(mcp, "start_task", "projectId", projectId), "taskKey is required");
            assertInvalid(refusal(mcp, "start_task", "projectId", "not-a-uuid", "taskKey", "P04-T01-S01"),
                    "projectId 'not-a-uuid' is not a project id");
            assertInvalid(refusal(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", "one", "results", List.of()), "attempt must be a whole number");
            assertInvalid(refusal(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", 1), "results is required");
            assertInvalid(refusal(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", 1, "results", List.of(json("criterion", "P04-T01-S01-01/1"))),
                    "results[0].passed is required");
            assertInvalid(refusal(mcp, "report_attempt", "projectId", projectId, "taskKey", "P04-T01-S01",
                    "attempt", 1, "results", List.of(json("criterion", "P04-T01-S01-01/1", "passed", "yes"))),
                    "results[0].passed must be true or false");
            assertInvalid(refusal(mcp, "get_task", "projectId", projectId, "taskKey", "P04-T01-S01", "agent", handle),
                    "unknown argument 'agent'");
            assertInvalid(refusal(mcp, "get_board", "projectId", projectId, "status", "DONE"), "status");
            assertInvalid(refusal(mcp, "next_task", "minPosition", -1), "minPosition must be a position");
        }
    }

    @Test
    void a_non_member_gets_the_answer_of_a_missing_project() {
        ApiClient outsider = projects.agent(McpAgentTest.uniqueAgent());
        String missing = UUID.randomUUID().toString();
        try (McpSyncClient mcp = McpClients.connect(outsider)) {
            for (String tool : List.of("get_task", "start_task")) {
                JsonNode hidden = refusal(mcp, tool, "projectId", projectId, "taskKey", "P04-T01-S01");
                JsonNode absent = refusal(mcp, tool, "projectId", missing, "taskKey", "P04-T01-S01");
                assertThat(hidden.get("code").asText()).as(tool).isEqualTo("PROJECT_NOT_FOUND")
                        .isEqualTo(absent.get("code").asText());
                assertThat(hidden.get("detail").asText().replace(projectId, "ID")).as(tool)
                        .isEqualTo(absent.get("detail").asText().replace(missing, "ID"));
            }
            JsonNode hiddenBoard = refusal(mcp, "get_board", "projectId", projectId);
            assertThat(hiddenBoard.get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
            assertThat(answer(mcp, "next_task").get("task").isNull()).as("nothing of a project it is not in")
                    .isTrue();
        }
    }

    @Test
    void a_read_only_role_reads_over_mcp_but_its_commands_are_refused() {
        ApiClient auditor = accounts.fresh(GlobalRole.AUDITOR);
        try (McpSyncClient mcp = McpClients.connect(auditor)) {
            assertThat(answer(mcp, "get_board", "projectId", projectId, "minVersion", joinedVersion)
                    .at("/project/id").asText())
                    .isEqualTo(projectId);
            assertThat(refusal(mcp, "start_task", "projectId", projectId, "taskKey", "P04-T01-S01").get("code")
                    .asText()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void without_a_valid_token_mcp_answers_401_with_a_bearer_challenge() {
        for (ApiClient client : List.of(anonymous, anonymous.withToken("not.a.token"))) {
            Response refused = client.post("/mcp", INITIALIZE, "Accept", "application/json, text/event-stream");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refused.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void a_browser_origin_that_may_not_call_the_api_is_refused() {
        Response fromAPage = agent.post("/mcp", INITIALIZE, "Accept", "application/json, text/event-stream",
                "Origin", "http://evil.example");
        Response noOrigin = agent.post("/mcp", INITIALIZE, "Accept", "application/json, text/event-stream");

        assertThat(fromAPage.status()).as(fromAPage.toString()).isEqualTo(403);
        assertThat(fromAPage.body()).doesNotContain("serverInfo");
        assertThat(noOrigin.status()).as(noOrigin.toString()).isEqualTo(200);
        assertThat(noOrigin.json().at("/result/serverInfo/name").asText()).isEqualTo("taskledger");
    }

    private static void assertInvalid(JsonNode problem, String detail) {
        assertThat(problem.get("code").asText()).as(problem.toString()).isEqualTo("INVALID_INPUT");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).contains(detail);
    }
}
