package io.taskledger.infra.mcp;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.mcp.ToolArguments;
import io.taskledger.infra.cluster.NodeRole;
import io.taskledger.infra.cluster.NodeRoles;
import io.taskledger.infra.web.CommandPositionFilter;
import io.taskledger.infra.web.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one MCP tool call the way REST runs a request: on a node with the role the tool needs (a read-only tool,
 * {@code readOnlyHint}, needs {@code query}; every other tool sends commands and needs {@code command}), as the
 * request's caller, answering the command's or query's answer as REST's JSON would show it ({@code structuredContent},
 * and the same JSON as text for clients that read only text); a command tool's answer adds {@code position}, the
 * event store's position after it ({@code X-Min-Position} on REST), which {@code next_task} and
 * {@code list_escalations} take as {@code minPosition} to read their own writes. A refusal is not a protocol error but a tool result with
 * {@code isError: true} whose text is the problem REST answers: {@code {"code", "status", "detail"}}, from the same
 * place ({@link Refusal}), so the agent reads the rule it broke.
 */
@Component
class McpToolCalls {

    private static final Logger log = LoggerFactory.getLogger(McpToolCalls.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final NodeRoles roles;
    private final JsonMapper json;
    private final CommandPositionFilter positions;

    McpToolCalls(NodeRoles roles, JsonMapper json, CommandPositionFilter positions) {
        this.roles = roles;
        this.json = json;
        this.positions = positions;
    }

    /** The module's tool, shown as {@code described}, its calls run as this class says. */
    SyncToolSpecification served(McpSchema.Tool described, SyncToolSpecification declared) {
        boolean readOnly = described.annotations() != null && Boolean.TRUE.equals(described.annotations().readOnlyHint());
        return new SyncToolSpecification(described, (context, request) -> {
            try {
                refuseWithoutRole(readOnly);
                if (context.get(ToolArguments.CALLER) == null) {
                    throw new TaskledgerException(ErrorCode.UNAUTHENTICATED,
                            "a valid access token is required: log in at /api/auth/login");
                }
                Object answer = declared.callHandler().apply(context, request).structuredContent();
                Map<String, Object> structured = new LinkedHashMap<>(json.convertValue(answer, OBJECT));
                Long position = readOnly ? null : positions.newestPosition();
                if (position != null) {
                    structured.put("position", position);
                }
                return CallToolResult.builder()
                        .addTextContent(json.writeValueAsString(structured))
                        .structuredContent(structured)
                        .build();
            } catch (RuntimeException failure) {
                return refused(described.name(), failure);
            }
        });
    }

    private void refuseWithoutRole(boolean readOnly) {
        if (readOnly && !roles.runs(NodeRole.QUERY)) {
            throw new TaskledgerException(ErrorCode.NOT_A_QUERY_NODE, "this server node does not answer reads (its roles: "
                    + roles + "); send the request, unchanged, to a node with the role query");
        }
        if (!readOnly && !roles.runs(NodeRole.COMMAND)) {
            throw new TaskledgerException(ErrorCode.NOT_A_COMMAND_NODE, "this server node does not take commands"
                    + " (its roles: " + roles + "); send the request, unchanged, to a node with the role command");
        }
    }

    private CallToolResult refused(String tool, RuntimeException failure) {
        Refusal refusal = Refusal.of(failure);
        if (refusal.unexpected()) {
            log.error("Unexpected failure in MCP tool {}", tool, failure);
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("code", refusal.code());
        problem.put("status", refusal.status());
        problem.put("detail", refusal.detail());
        if (!refusal.violations().isEmpty()) {
            problem.put("violations", refusal.violations());
        }
        return CallToolResult.builder().addTextContent(json.writeValueAsString(problem)).isError(true).build();
    }
}
