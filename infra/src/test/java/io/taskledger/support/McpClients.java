package io.taskledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** MCP clients of the MCP Java SDK, over Streamable HTTP to {@code /mcp}, sending an account's access token. */
public final class McpClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private McpClients() {
    }

    /** An initialized client calling as the account {@code client} is logged in as; close it after use. */
    public static McpSyncClient connect(ApiClient client) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(client.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, endpoint, body, context) ->
                        request.header("Authorization", "Bearer " + client.accessToken()))
                .build();
        McpSyncClient mcp = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("taskledger-test", "1"))
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        mcp.initialize();
        return mcp;
    }

    /** Calls the tool and answers its result. */
    public static McpSchema.CallToolResult call(McpSyncClient mcp, String tool, Object... arguments) {
        return mcp.callTool(new McpSchema.CallToolRequest(tool, ApiClient.json(arguments)));
    }

    /** Calls the tool, which must succeed, and answers its structured content. */
    public static JsonNode answer(McpSyncClient mcp, String tool, Object... arguments) {
        McpSchema.CallToolResult result = call(mcp, tool, arguments);
        assertThat(result.isError()).as(tool + ": " + text(result)).isNotEqualTo(Boolean.TRUE);
        assertThat(result.structuredContent()).as(tool).isNotNull();
        JsonNode structured = JSON.valueToTree(result.structuredContent());
        assertThat(read(text(result))).as("the text content is the structured content as JSON").isEqualTo(structured);
        return structured;
    }

    /** Calls the tool, which must be refused, and answers the problem its text carries ({@code code}, detail...). */
    public static JsonNode refusal(McpSyncClient mcp, String tool, Object... arguments) {
        McpSchema.CallToolResult result = call(mcp, tool, arguments);
        assertThat(result.isError()).as(tool + ": " + text(result)).isTrue();
        return read(text(result));
    }

    public static String text(McpSchema.CallToolResult result) {
        assertThat(result.content()).hasSize(1);
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
