package io.taskledger.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.support.ApiClient;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.NodePackages;
import io.taskledger.support.TokenAddingProxy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP conformance suite (npm {@code @modelcontextprotocol/conformance}, version pinned in
 * {@code src/test/node/mcp-tools/package-lock.json}) runs its server scenarios that apply to Taskledger against the
 * running server, as an agent's account: the suite has no option for a token, so it calls a loopback proxy that adds
 * the agent's bearer token. Which scenarios apply, and why the others do not, is in docs/mcp.md ("Conformance").
 */
class McpConformanceTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The suite's server scenarios that test what Taskledger serves: the lifecycle, ping and its tools' listing. */
    private static final List<String> APPLICABLE = List.of("server-initialize", "ping", "tools-list");

    @Test
    void the_server_scenarios_that_apply_pass() throws IOException {
        NodePackages tools = NodePackages.install("mcp-tools");
        ApiClient agent = accounts.agent(McpAgentTest.uniqueAgent());
        Path results = Path.of("target/node/mcp-tools/results");

        try (TokenAddingProxy proxy = TokenAddingProxy.to(agent.baseUrl(), agent.accessToken())) {
            for (String scenario : APPLICABLE) {
                Path output = results.resolve(scenario);
                deleteRecursively(output);
                NodePackages.Result run = tools.run(Map.of(), 120, "node",
                        "node_modules/@modelcontextprotocol/conformance/dist/index.js", "server",
                        "--url", proxy.baseUrl() + "/mcp", "--scenario", scenario, "--output-dir",
                        output.toAbsolutePath().toString());

                assertThat(run.exitCode()).as(scenario + ":\n" + run.output()).isZero();
                List<JsonNode> checks = checks(output);
                assertThat(checks).as(scenario + ": checks run\n" + run.output())
                        .anyMatch(check -> check.get("status").asText().equals("SUCCESS"));
                assertThat(checks).as(scenario + ": no check failed or warned\n" + run.output())
                        .allMatch(check -> List.of("SUCCESS", "INFO").contains(check.get("status").asText()));
            }
            assertThat(proxy.forwarded()).as("the suite reached the server through the proxy")
                    .isGreaterThanOrEqualTo(APPLICABLE.size() * 2);
        }
    }

    private static List<JsonNode> checks(Path output) throws IOException {
        List<JsonNode> checks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("checks.json")).toList()) {
                JSON.readTree(file.toFile()).forEach(checks::add);
            }
        }
        return checks;
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
