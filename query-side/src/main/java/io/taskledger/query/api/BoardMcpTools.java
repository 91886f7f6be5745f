package io.taskledger.query.api;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.mcp.ToolArguments;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.AttemptView;
import io.taskledger.api.query.AwaitPositionQuery;
import io.taskledger.api.query.EscalationList;
import io.taskledger.api.query.EscalationView;
import io.taskledger.api.query.FindEscalationsQuery;
import io.taskledger.api.query.FindNextTaskQuery;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.PageRequest;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.ReadModel;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The MCP tools that read, twins of {@code /api/agents/{agent}/next-task}, {@code /api/projects/{id}/tasks/{key}},
 * {@code /api/projects/{id}} with its tasks, and {@code /api/escalations}: the same queries, asked as the caller of the
 * MCP request, so the query handlers decide what it may see (a project it may not see is {@code PROJECT_NOT_FOUND},
 * as a missing one). Each tool's name, description and JSON Schemas are in {@code mcp/tools/<name>.json} beside this
 * module's classes; infra serves them at {@code /mcp} (docs/mcp.md).
 */
@Configuration(proxyBeanMethods = false)
class BoardMcpTools {

    private static final String PROJECT_ID = "projectId";
    private static final String TASK_KEY = "taskKey";
    private static final String MIN_VERSION = "minVersion";
    private static final String LIMIT = "limit";
    private static final String AFTER = "after";
    private static final String MIN_POSITION = "minPosition";

    /** {@code task} is null when nothing is ready for the caller. */
    record NextTask(TaskRow task) {
    }

    /**
     * A task as an agent works it: each success criterion under the {@code criterion} id a report names, the attempts
     * so far, and the lease of the running attempt (null when none runs).
     */
    record AgentTask(String projectId, String key, String title, String description, TaskStatus status,
                     TaskLevel level, String parent, String assignee, int attempts, int maxRetries,
                     String onFailure, int timeoutMinutes, List<String> prerequisites, List<String> blockedBy,
                     List<AgentStep> steps, List<AttemptView> attemptHistory, Lease lease, long version) {
    }

    record AgentStep(String key, String description, List<AgentCriterion> criteria) {
    }

    record AgentCriterion(String criterion, String type, String expected) {
    }

    record Lease(int attempt, String agent, Instant expiresAt) {
    }

    record Board(ProjectSummary project, List<TaskRow> tasks, String nextAfter, boolean hasMore) {
    }

    record Escalations(List<EscalationView> escalations, String nextAfter, boolean hasMore) {
    }

    @Bean
    SyncToolSpecification nextTaskTool(BoardQueries queries) {
        return tool("next_task", Set.of(MIN_POSITION), (arguments, caller) -> {
            awaitPosition(queries, arguments);
            return new NextTask(queries.askOptional(new FindNextTaskQuery(caller.username(), caller), TaskRow.class)
                    .orElse(null));
        });
    }

    @Bean
    SyncToolSpecification getTaskTool(BoardQueries queries) {
        return tool("get_task", Set.of(PROJECT_ID, TASK_KEY, MIN_VERSION), (arguments, caller) -> {
            FindTaskQuery query = new FindTaskQuery(scope(arguments, caller),
                    RequestValues.taskKey(arguments.requiredText(TASK_KEY)));
            ProjectAnswer<TaskDetails> answer = queries.askProject(query);
            if (answer.body() == null) {
                throw new TaskledgerException(ErrorCode.TASK_NOT_FOUND,
                        "project " + query.projectId() + " has no task " + query.taskKey());
            }
            return forAgent(answer.body(), answer.version());
        });
    }

    @Bean
    SyncToolSpecification getBoardTool(BoardQueries queries) {
        return tool("get_board", Set.of(PROJECT_ID, "status", "assignee", "level", LIMIT, AFTER, MIN_VERSION),
                (arguments, caller) -> {
                    ProjectScope scope = scope(arguments, caller);
                    ProjectSummary project = queries.<ProjectSummary>askProject(new FindProjectQuery(scope)).body();
                    String assignee = arguments.optionalText("assignee");
                    TaskList tasks = queries.<TaskList>askProject(new FindTasksQuery(
                            new ProjectScope(scope.projectId(), caller, ProjectVersion.of(project.version())),
                            RequestValues.optionalEnum("status", arguments.optionalText("status"), TaskStatus.class),
                            assignee == null || assignee.isBlank() ? null : assignee,
                            RequestValues.optionalEnum("level", arguments.optionalText("level"), TaskLevel.class),
                            page(arguments))).body();
                    return new Board(project, tasks.tasks(), tasks.page().nextAfter(), tasks.page().hasMore());
                });
    }

    @Bean
    SyncToolSpecification listEscalationsTool(BoardQueries queries) {
        return tool("list_escalations", Set.of("status", LIMIT, AFTER, MIN_POSITION), (arguments, caller) -> {
            String status = arguments.optionalText("status");
            if (status != null && !Set.of(EscalationView.OPEN, EscalationView.RESOLVED).contains(status)) {
                throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                        "status '" + status + "' is not one of OPEN, RESOLVED");
            }
            awaitPosition(queries, arguments);
            EscalationList inbox = queries.ask(new FindEscalationsQuery(status, caller, page(arguments)),
                    EscalationList.class);
            return new Escalations(inbox.escalations(), inbox.page().nextAfter(), inbox.page().hasMore());
        });
    }

    /**
     * {@code minPosition}, the {@code position} a command tool answered, is REST's {@code X-Min-Position}: the read
     * waits, bounded, until the board shows that write, so an agent is never handed the task it just finished.
     */
    private static void awaitPosition(BoardQueries queries, ToolArguments arguments) {
        Long position = arguments.optionalLong(MIN_POSITION);
        if (position != null) {
            if (position < 0) {
                throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                        MIN_POSITION + " must be a position a command answered (a whole number from 0)");
            }
            queries.ask(new AwaitPositionQuery(ReadModel.TASK_BOARD, position), Long.class);
        }
    }

    private static ProjectScope scope(ToolArguments arguments, Caller caller) {
        Integer minVersion = arguments.optionalInteger(MIN_VERSION);
        return new ProjectScope(RequestValues.projectId(arguments.requiredText(PROJECT_ID)), caller,
                minVersion == null ? null : ProjectVersion.of(minVersion));
    }

    private static PageRequest page(ToolArguments arguments) {
        Integer limit = arguments.optionalInteger(LIMIT);
        return PagedLists.request(arguments.optionalText(AFTER), limit == null ? null : limit.toString());
    }

    private static AgentTask forAgent(TaskDetails task, ProjectVersion version) {
        List<AgentStep> steps = task.steps().stream()
                .map(step -> new AgentStep(step.key(), step.description(), step.criteria().stream()
                        .map(criterion -> new AgentCriterion(criterion.name(), criterion.type().name(),
                                criterion.expected()))
                        .toList()))
                .toList();
        Lease lease = task.attemptHistory().stream()
                .filter(attempt -> AttemptView.RUNNING.equals(attempt.outcome()))
                .map(attempt -> new Lease(attempt.number(), attempt.agent(), attempt.leaseExpiresAt()))
                .findFirst().orElse(null);
        return new AgentTask(task.projectId().toString(), task.key().value(), task.title(), task.description(),
                task.status(), task.level(), task.parent() == null ? null : task.parent().value(), task.assignee(),
                task.attempts(), task.maxRetries(), task.onFailure() == null ? null : task.onFailure().name(),
                task.timeoutMinutes(), task.prerequisites().stream().map(Object::toString).toList(),
                task.blockedBy().stream().map(Object::toString).toList(), steps, task.attemptHistory(), lease,
                version.value());
    }

    /** A tool answering the query's answer as its structured content; the caller is the MCP request's account. */
    private static SyncToolSpecification tool(String name, Set<String> accepted,
                                              BiFunction<ToolArguments, Caller, Object> handler) {
        BiFunction<McpTransportContext, CallToolRequest, CallToolResult> call = (context, request) -> {
            Caller caller = (Caller) context.get(ToolArguments.CALLER);
            return CallToolResult.builder()
                    .structuredContent(handler.apply(ToolArguments.of(request.arguments(), accepted), caller)).build();
        };
        return new SyncToolSpecification(Tool.builder(name, Map.of("type", "object")).build(), call);
    }
}
