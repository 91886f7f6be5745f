package io.taskledger.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.NodePackages;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP inspector in its CLI mode (npm {@code @modelcontextprotocol/inspector --cli}, pinned in
 * {@code src/test/node/mcp-tools/package-lock.json}), as README and docs/mcp.md tell a user to run it, against the
 * running server with an agent's token: it lists the tools and calls one. (The separate package
 * {@code @modelcontextprotocol/inspector-cli} 1.0.3 does not run installed on its own: it reads the
 * {@code package.json} of the inspector it expects to be inside.)
 */
class McpInspectorCliTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_inspector_cli_lists_the_tools_and_calls_one() throws Exception {
        NodePackages tools = NodePackages.install("mcp-tools");
        Projects projects = new Projects(api, accounts);
        String handle = McpAgentTest.uniqueAgent();
        String projectId = projects.create();
        ApiClient agent = projects.agent(handle);
        ApiClient.Response joined = api.post("/api/projects/" + projectId + "/members",
                ApiClient.json("username", handle, "role", ProjectRole.AGENT.name()));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);

        JsonNode listed = inspect(tools, agent, "--method", "tools/list");
        assertThat(listed.get("tools")).extracting(tool -> tool.get("name").asText())
                .contains("next_task", "get_task", "start_task", "report_attempt", "get_board", "list_escalations",
                        "resolve_escalation");

        JsonNode called = inspect(tools, agent, "--method", "tools/call", "--tool-name", "get_board",
                "--tool-arg", "projectId=" + projectId, "minVersion=" + Projects.version(joined));
        assertThat(called.path("isError").asBoolean(false)).as(called.toString()).isFalse();
        assertThat(called.at("/structuredContent/project/id").asText()).isEqualTo(projectId);
        assertThat(called.at("/content/0/text").asText()).contains(projectId);
    }

    /** Runs the inspector's CLI mode against /mcp with the account's token; the JSON it prints. */
    private static JsonNode inspect(NodePackages tools, ApiClient account, String... method) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node",
                "node_modules/@modelcontextprotocol/inspector/cli/build/cli.js", "--cli", account.baseUrl() + "/mcp",
                "--transport", "http", "--header", "Authorization: Bearer " + account.accessToken()));
        command.addAll(List.of(method));
        NodePackages.Result run = tools.run(Map.of(), 120, command.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String output = run.output();
        int json = output.indexOf("\n{") + 1;
        assertThat(output.startsWith("{") || json > 0).as("JSON in:\n" + output).isTrue();
        return JSON.readTree(output.substring(output.startsWith("{") ? 0 : json));
    }
}
