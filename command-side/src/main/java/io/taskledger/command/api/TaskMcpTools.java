package io.taskledger.command.api;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.taskledger.api.access.Caller;
import io.taskledger.api.command.AttemptOpened;
import io.taskledger.api.command.AttemptReported;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.ResolveEscalationCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.mcp.ToolArguments;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.command.api.CommandRequests.ResultRequest;
import io.taskledger.command.api.TaskCommandController.AttemptReportedResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import static io.taskledger.command.api.RequestFields.projectId;
import static io.taskledger.command.api.RequestFields.requiredEnum;
import static io.taskledger.command.api.RequestFields.taskKey;

/**
 * The MCP tools that send commands, twins of {@code /api/projects/{id}/tasks/{key}/start}, {@code .../report} and
 * {@code .../resolve}: the same commands from the same checks, sent as the caller of the MCP request. Each tool's name,
 * description and JSON Schemas are in {@code mcp/tools/<name>.json} beside this module's classes; infra serves them
 * at {@code /mcp} and turns a refusal into a tool error (docs/mcp.md). {@code expectedVersion} is REST's
 * {@code If-Match}.
 */
@Configuration(proxyBeanMethods = false)
class TaskMcpTools {

    private static final String PROJECT_ID = "projectId";
    private static final String TASK_KEY = "taskKey";
    private static final String EXPECTED_VERSION = "expectedVersion";

    @Bean
    SyncToolSpecification startTaskTool(CommandSender commands) {
        return tool("start_task", Set.of(PROJECT_ID, TASK_KEY, EXPECTED_VERSION), (arguments, caller) -> {
            StartTaskCommand command = new StartTaskCommand(projectId(arguments.requiredText(PROJECT_ID)),
                    taskKey(arguments.requiredText(TASK_KEY), TASK_KEY), caller.username());
            return commands.<AttemptOpened>sendExpecting(command, expectedVersion(arguments));
        });
    }

    @Bean
    SyncToolSpecification reportAttemptTool(CommandSender commands) {
        return tool("report_attempt", Set.of(PROJECT_ID, TASK_KEY, "attempt", "results", EXPECTED_VERSION),
                (arguments, caller) -> {
                    int attempt = RequestFields.requiredAtLeast(arguments.requiredInteger("attempt"), 1, "attempt");
                    List<ResultRequest> results = arguments.requiredObjects("results",
                                    Set.of("criterion", "passed", "evidence")).stream()
                            .map(result -> new ResultRequest(result.optionalText("criterion"),
                                    result.optionalBoolean("passed"), result.optionalText("evidence")))
                            .toList();
                    ReportAttemptCommand command = new ReportAttemptCommand(
                            projectId(arguments.requiredText(PROJECT_ID)),
                            taskKey(arguments.requiredText(TASK_KEY), TASK_KEY), attempt, caller.username(),
                            CommandRequests.results(results));
                    AttemptReported reported = commands.sendExpecting(command, expectedVersion(arguments));
                    return new AttemptReportedResponse(command.taskKey().value(), reported.status(),
                            reported.version());
                });
    }

    @Bean
    SyncToolSpecification resolveEscalationTool(CommandSender commands) {
        return tool("resolve_escalation", Set.of(PROJECT_ID, TASK_KEY, "decision", "justification", EXPECTED_VERSION),
                (arguments, caller) -> {
                    EscalationDecision decision = requiredEnum(EscalationDecision.class,
                            arguments.requiredText("decision"), "decision");
                    ResolveEscalationCommand command = new ResolveEscalationCommand(
                            projectId(arguments.requiredText(PROJECT_ID)),
                            taskKey(arguments.requiredText(TASK_KEY), TASK_KEY), decision,
                            arguments.requiredText("justification"));
                    return commands.<CommandAccepted>sendExpecting(command, expectedVersion(arguments));
                });
    }

    private static ProjectVersion expectedVersion(ToolArguments arguments) {
        Integer expected = arguments.optionalInteger(EXPECTED_VERSION);
        return expected == null ? null : ProjectVersion.of(expected);
    }

    /**
     * A tool answering the command's answer as its structured content; the caller is the MCP request's account.
     * The tool's description and schemas come from its JSON file (infra reads it), so only the name is given here.
     */
    static SyncToolSpecification tool(String name, Set<String> accepted,
                                      BiFunction<ToolArguments, Caller, Object> handler) {
        BiFunction<McpTransportContext, CallToolRequest, CallToolResult> call = (context, request) -> {
            Caller caller = (Caller) context.get(ToolArguments.CALLER);
            Object answer = handler.apply(ToolArguments.of(request.arguments(), accepted), caller);
            return CallToolResult.builder().structuredContent(answer).build();
        };
        return new SyncToolSpecification(Tool.builder(name, Map.of("type", "object")).build(), call);
    }
}
