package io.taskledger.command.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.command.AddMemberCommand;
import io.taskledger.api.command.AddPrerequisiteCommand;
import io.taskledger.api.command.AddTaskCommand;
import io.taskledger.api.command.ArchiveProjectCommand;
import io.taskledger.api.command.AssignTaskCommand;
import io.taskledger.api.command.AttemptOpened;
import io.taskledger.api.command.AttemptReported;
import io.taskledger.api.command.CancelTaskCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.command.ProjectCommand;
import io.taskledger.api.command.RemoveMemberCommand;
import io.taskledger.api.command.RemovePrerequisiteCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.ResolveEscalationCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.command.api.CommandRequests.AddTaskRequest;
import io.taskledger.command.api.CommandRequests.CreateProjectRequest;
import io.taskledger.command.api.CommandRequests.ResultRequest;
import io.taskledger.command.api.ProjectCommandController.PlanImportedResponse;
import io.taskledger.command.api.ProjectCommandController.ProjectCreatedResponse;
import io.taskledger.command.api.ProjectCommandController.TaskAddedResponse;
import io.taskledger.command.api.TaskCommandController.AttemptReportedResponse;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

import static io.taskledger.command.api.RequestFields.present;
import static io.taskledger.command.api.RequestFields.projectId;
import static io.taskledger.command.api.RequestFields.required;
import static io.taskledger.command.api.RequestFields.taskKey;

/**
 * The mutations of {@code commands.graphqls}: each builds the same command as its REST twin, from the same request
 * records and checks, and answers the same record, with the project's new version. {@code expectedVersion} is REST's
 * {@code If-Match}. Who may send each command is the aggregate's decision ({@code ProjectAccess}), as over REST.
 */
@Controller
class CommandGraphQlController {

    private final CommandSender commands;

    CommandGraphQlController(CommandSender commands) {
        this.commands = commands;
    }

    @MutationMapping
    ProjectCreatedResponse createProject(@Argument CreateProjectRequest input) {
        ProjectId id = ProjectId.random();
        String key = required(input.key(), "input.key");
        commands.sendExpecting(new CreateProjectCommand(id, key, required(input.name(), "input.name"),
                input.description()),
                null);
        return new ProjectCreatedResponse(id.toString(), key, input.name(), input.description(),
                ProjectCommandController.CREATED_VERSION);
    }

    @MutationMapping
    PlanImportedResponse importPlan(@Argument String projectId, @Argument PlanRequest plan, @Argument Integer expectedVersion) {
        List<TaskDefinition> tasks = present(plan, "plan").toDefinitions();
        CommandAccepted accepted = send(new ImportPlanCommand(projectId(projectId), tasks), expectedVersion);
        return new PlanImportedResponse(accepted.version(), tasks.size());
    }

    @MutationMapping
    TaskAddedResponse addTask(@Argument String projectId, @Argument AddTaskRequest task, @Argument Integer expectedVersion) {
        TaskDefinition definition = present(task, "task").toDefinition();
        CommandAccepted accepted = send(new AddTaskCommand(projectId(projectId), definition), expectedVersion);
        return new TaskAddedResponse(definition.key().value(), accepted.version());
    }

    @MutationMapping
    CommandAccepted archiveProject(@Argument String projectId, @Argument Integer expectedVersion) {
        return send(new ArchiveProjectCommand(projectId(projectId)), expectedVersion);
    }

    @MutationMapping
    AttemptOpened startTask(@Argument String projectId, @Argument String taskKey, @Argument String agent,
                            @Argument Integer expectedVersion, Caller caller) {
        return send(new StartTaskCommand(projectId(projectId), taskKey(taskKey, "taskKey"), CommandRequests.actingAgent(agent, caller)),
                expectedVersion);
    }

    @MutationMapping
    AttemptReportedResponse reportAttempt(@Argument String projectId, @Argument String taskKey, @Argument int attempt,
                           @Argument List<ResultRequest> results, @Argument String agent,
                           @Argument Integer expectedVersion, Caller caller) {
        RequestFields.requiredAtLeast(attempt, 1, "attempt");
        ReportAttemptCommand command = new ReportAttemptCommand(projectId(projectId), taskKey(taskKey, "taskKey"),
                attempt, CommandRequests.actingAgent(agent, caller), CommandRequests.results(results));
        AttemptReported reported = send(command, expectedVersion);
        return new AttemptReportedResponse(command.taskKey().value(), reported.status(), reported.version());
    }

    @MutationMapping
    CommandAccepted assignTask(@Argument String projectId, @Argument String taskKey, @Argument String assignee,
                               @Argument Integer expectedVersion) {
        return send(new AssignTaskCommand(projectId(projectId), taskKey(taskKey, "taskKey"),
                required(assignee, "assignee")), expectedVersion);
    }

    @MutationMapping
    CommandAccepted cancelTask(@Argument String projectId, @Argument String taskKey, @Argument String reason,
                               @Argument Integer expectedVersion) {
        return send(new CancelTaskCommand(projectId(projectId), taskKey(taskKey, "taskKey"),
                required(reason, "reason")), expectedVersion);
    }

    @MutationMapping
    CommandAccepted resolveEscalation(@Argument String projectId, @Argument String taskKey,
                                      @Argument EscalationDecision decision, @Argument String justification,
                                      @Argument Integer expectedVersion) {
        return send(new ResolveEscalationCommand(projectId(projectId), taskKey(taskKey, "taskKey"), decision,
                required(justification, "justification")), expectedVersion);
    }

    @MutationMapping
    CommandAccepted addPrerequisite(@Argument String projectId, @Argument String taskKey,
                                    @Argument String prerequisite, @Argument Integer expectedVersion) {
        return send(new AddPrerequisiteCommand(projectId(projectId), taskKey(taskKey, "taskKey"),
                taskKey(prerequisite, "prerequisite")), expectedVersion);
    }

    @MutationMapping
    CommandAccepted removePrerequisite(@Argument String projectId, @Argument String taskKey,
                                       @Argument String prerequisite, @Argument Integer expectedVersion) {
        return send(new RemovePrerequisiteCommand(projectId(projectId), taskKey(taskKey, "taskKey"),
                taskKey(prerequisite, "prerequisite")), expectedVersion);
    }

    @MutationMapping
    CommandAccepted addMember(@Argument String projectId, @Argument String username,
                              @Argument ProjectRole role, @Argument Integer expectedVersion) {
        return send(new AddMemberCommand(projectId(projectId), required(username, "username"), role),
                expectedVersion);
    }

    @MutationMapping
    CommandAccepted removeMember(@Argument String projectId, @Argument String username,
                                 @Argument Integer expectedVersion) {
        return send(new RemoveMemberCommand(projectId(projectId), required(username, "username")), expectedVersion);
    }

    private <R> R send(ProjectCommand command, Integer expectedVersion) {
        return commands.sendExpecting(command, expectedVersion == null ? null : ProjectVersion.of(expectedVersion));
    }
}
