package io.taskledger.command.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.command.AddPrerequisiteCommand;
import io.taskledger.api.command.AssignTaskCommand;
import io.taskledger.api.command.AttemptOpened;
import io.taskledger.api.command.AttemptReported;
import io.taskledger.api.command.CancelTaskCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.ProjectCommand;
import io.taskledger.api.command.RemovePrerequisiteCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.ResolveEscalationCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.command.api.CommandRequests.AssignRequest;
import io.taskledger.command.api.CommandRequests.CancelRequest;
import io.taskledger.command.api.CommandRequests.PrerequisiteRequest;
import io.taskledger.command.api.CommandRequests.ReportRequest;
import io.taskledger.command.api.CommandRequests.ResolveRequest;
import io.taskledger.command.api.CommandRequests.StartRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.function.BiFunction;

import static io.taskledger.command.api.CommandSender.withVersion;
import static io.taskledger.command.api.RequestFields.present;
import static io.taskledger.command.api.RequestFields.projectId;
import static io.taskledger.command.api.RequestFields.required;
import static io.taskledger.command.api.RequestFields.requiredAtLeast;
import static io.taskledger.command.api.RequestFields.requiredEnum;
import static io.taskledger.command.api.RequestFields.taskKey;

/** Commands on one task of a project: its attempts, assignee, escalation, cancellation and prerequisites. */
@RestController
@RequestMapping(path = "/api/projects/{projectId}/tasks/{taskKey}", produces = "application/json")
class TaskCommandController {

    private final CommandSender commands;

    TaskCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record AttemptReportedResponse(String taskKey, TaskStatus status, long version) {
    }

    @PostMapping("/start")
    ResponseEntity<AttemptOpened> start(@PathVariable String projectId, @PathVariable String taskKey,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody(required = false) StartRequest request, Caller caller) {
        String agent = CommandRequests.actingAgent(request == null ? null : request.agent(), caller);
        AttemptOpened opened = commands.send(
                new StartTaskCommand(projectId(projectId), pathKey(taskKey), agent), ifMatch);
        return withVersion(ResponseEntity.ok(), opened.version()).body(opened);
    }

    @PostMapping("/report")
    ResponseEntity<AttemptReportedResponse> report(@PathVariable String projectId, @PathVariable String taskKey,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                   String ifMatch,
                                                   @RequestBody ReportRequest request, Caller caller) {
        present(request, "body");
        TaskKey key = pathKey(taskKey);
        int attempt = requiredAtLeast(request.attempt(), 1, "attempt");
        String agent = CommandRequests.actingAgent(request.agent(), caller);
        AttemptReported reported = commands.send(
                new ReportAttemptCommand(projectId(projectId), key, attempt, agent, CommandRequests.results(request.results())),
                ifMatch);
        return withVersion(ResponseEntity.ok(), reported.version())
                .body(new AttemptReportedResponse(key.value(), reported.status(), reported.version()));
    }

    @PostMapping("/assign")
    ResponseEntity<CommandAccepted> assign(@PathVariable String projectId, @PathVariable String taskKey,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestBody AssignRequest request) {
        String assignee = required(present(request, "body").assignee(), "assignee");
        return accepted(projectId, taskKey, ifMatch, (project, key) -> new AssignTaskCommand(project, key, assignee));
    }

    @PostMapping("/cancel")
    ResponseEntity<CommandAccepted> cancel(@PathVariable String projectId, @PathVariable String taskKey,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestBody CancelRequest request) {
        String reason = required(present(request, "body").reason(), "reason");
        return accepted(projectId, taskKey, ifMatch, (project, key) -> new CancelTaskCommand(project, key, reason));
    }

    @PostMapping("/resolve")
    ResponseEntity<CommandAccepted> resolve(@PathVariable String projectId, @PathVariable String taskKey,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch,
                                            @RequestBody ResolveRequest request) {
        present(request, "body");
        EscalationDecision decision = requiredEnum(EscalationDecision.class, request.decision(), "decision");
        String justification = required(request.justification(), "justification");
        return accepted(projectId, taskKey, ifMatch,
                (project, key) -> new ResolveEscalationCommand(project, key, decision, justification));
    }

    @PostMapping("/prerequisites")
    ResponseEntity<CommandAccepted> addPrerequisite(@PathVariable String projectId, @PathVariable String taskKey,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                    String ifMatch,
                                                    @RequestBody PrerequisiteRequest request) {
        TaskKey prerequisite = taskKey(present(request, "body").key(), "key");
        return accepted(projectId, taskKey, ifMatch,
                (project, key) -> new AddPrerequisiteCommand(project, key, prerequisite));
    }

    @DeleteMapping("/prerequisites/{prerequisiteKey}")
    ResponseEntity<CommandAccepted> removePrerequisite(@PathVariable String projectId, @PathVariable String taskKey,
                                                       @PathVariable String prerequisiteKey,
                                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                       String ifMatch) {
        TaskKey prerequisite = taskKey(prerequisiteKey, "prerequisiteKey");
        return accepted(projectId, taskKey, ifMatch,
                (project, key) -> new RemovePrerequisiteCommand(project, key, prerequisite));
    }

    private ResponseEntity<CommandAccepted> accepted(String projectId, String taskKey, String ifMatch,
                                                     BiFunction<ProjectId, TaskKey, ProjectCommand> command) {
        CommandAccepted accepted = commands.send(command.apply(projectId(projectId), pathKey(taskKey)), ifMatch);
        return withVersion(ResponseEntity.ok(), accepted.version()).body(accepted);
    }

    private static TaskKey pathKey(String taskKey) {
        return taskKey(taskKey, "taskKey");
    }
}
