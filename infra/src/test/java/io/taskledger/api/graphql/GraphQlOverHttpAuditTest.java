package io.taskledger.api.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.NodePackages;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL-over-HTTP audit suite of the npm package {@code graphql-http} ({@code serverAudits}), run against this
 * server as an authenticated account: every MUST of the spec passes.
 */
class GraphQlOverHttpAuditTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_must_of_the_graphql_over_http_audit_passes() throws Exception {
        NodePackages audit = NodePackages.install("graphql-http-audit");

        NodePackages.Result run = audit.run(Map.of("TASKLEDGER_TOKEN", api.accessToken()), 120,
                "node", "audit.mjs", api.baseUrl() + "/graphql");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<JsonNode> results = new ArrayList<>();
        for (String line : run.lines()) {
            if (line.startsWith("{")) {
                results.add(JSON.readTree(line));
            }
        }
        assertThat(results).as(run.output()).hasSizeGreaterThan(20);
        List<String> failedMusts = results.stream()
                .filter(result -> result.get("name").asText().startsWith("MUST"))
                .filter(result -> !result.get("status").asText().equals("ok"))
                .map(result -> result.get("name").asText() + ": " + result.get("reason").asText())
                .toList();
        assertThat(failedMusts).as("MUST audits that failed").isEmpty();
        assertThat(results).as("MUST audits run").anyMatch(result -> result.get("name").asText().startsWith("MUST"));
    }
}
