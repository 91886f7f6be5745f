package io.taskledger.infra.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.mcp.ToolArguments;
import io.taskledger.infra.cluster.NodeRoles;
import io.taskledger.infra.web.CommandPositionFilter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node roles for MCP, whose reads and commands share one URL: a read tool runs only on a node with {@code query}, a
 * command tool only on one with {@code command}; elsewhere the call is an {@code isError} result with REST's code and
 * nothing runs. And every tool's description says what the node-role decision reads: whether it only reads.
 */
class McpToolCallsTest {

    private static final List<String> READ_TOOLS = List.of("next_task", "get_task", "get_board", "list_escalations");
    private static final List<String> COMMAND_TOOLS = List.of("start_task", "report_attempt", "resolve_escalation");
    private static final McpTransportContext AS_AGENT = McpTransportContext.create(
            Map.of(ToolArguments.CALLER, new Caller("@agent", GlobalRole.AGENT)));

    private final AtomicInteger ran = new AtomicInteger();

    @Test
    void each_tool_says_whether_it_only_reads() {
        for (String name : READ_TOOLS) {
            assertThat(described(name).annotations().readOnlyHint()).as(name).isTrue();
        }
        for (String name : COMMAND_TOOLS) {
            assertThat(described(name).annotations().readOnlyHint()).as(name).isFalse();
        }
    }

    @Test
    void a_node_without_the_command_role_runs_no_command_tool() {
        McpToolCalls queryNode = node("query,projections");

        McpSchema.CallToolResult refused = call(queryNode, "start_task");
        McpSchema.CallToolResult answered = call(queryNode, "get_task");

        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).contains("\"code\":\"NOT_A_COMMAND_NODE\"", "\"status\":421");
        assertThat(answered.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(answered.structuredContent()).isEqualTo(Map.of("ran", true));
        assertThat(ran).as("only the read ran").hasValue(1);
    }

    @Test
    void a_node_without_the_query_role_runs_no_read_tool() {
        McpToolCalls commandNode = node("command");

        McpSchema.CallToolResult refused = call(commandNode, "next_task");

        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).contains("\"code\":\"NOT_A_QUERY_NODE\"");
        McpSchema.CallToolResult reported = call(commandNode, "report_attempt");
        assertThat(reported.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(reported.structuredContent()).as("a command's answer says the position after it")
                .isEqualTo(Map.of("ran", true, "position", 7L));
        assertThat(ran).hasValue(1);
    }

    @Test
    void a_call_without_a_caller_runs_nothing() {
        McpToolCalls node = node("command,query");
        SyncToolSpecification served = node.served(described("get_task"), counting("get_task"));

        McpSchema.CallToolResult refused = served.callHandler().apply(McpTransportContext.EMPTY,
                new McpSchema.CallToolRequest("get_task", Map.of()));

        assertThat(text(refused)).contains("\"code\":\"UNAUTHENTICATED\"");
        assertThat(ran).hasValue(0);
    }

    /** A node with these roles, whose event store stands at position 7. */
    private static McpToolCalls node(String roles) {
        return new McpToolCalls(new NodeRoles(roles), JsonMapper.builder().build(), new CommandPositionFilter(null) {
            @Override
            public Long newestPosition() {
                return 7L;
            }
        });
    }

    private McpSchema.CallToolResult call(McpToolCalls node, String tool) {
        return node.served(described(tool), counting(tool)).callHandler()
                .apply(AS_AGENT, new McpSchema.CallToolRequest(tool, Map.of()));
    }

    private SyncToolSpecification counting(String tool) {
        return new SyncToolSpecification(McpSchema.Tool.builder(tool, Map.of("type", "object")).build(),
                (context, request) -> {
                    ran.incrementAndGet();
                    return McpSchema.CallToolResult.builder().structuredContent(Map.of("ran", true)).build();
                });
    }

    private static McpSchema.Tool described(String name) {
        return McpEndpoint.described(McpJsonDefaults.getMapper(), name);
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
