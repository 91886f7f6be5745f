package io.taskledger.command.api;

import io.taskledger.api.command.AddTaskCommand;
import io.taskledger.api.command.ArchiveProjectCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.command.api.CommandRequests.AddTaskRequest;
import io.taskledger.command.api.CommandRequests.CreateProjectRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

import static io.taskledger.command.api.CommandSender.withVersion;
import static io.taskledger.command.api.RequestFields.present;
import static io.taskledger.command.api.RequestFields.projectId;
import static io.taskledger.command.api.RequestFields.required;

/** Commands on a project as a whole: creating it, importing or adding to its plan, archiving it. */
@RestController
@RequestMapping(path = "/api/projects", produces = "application/json")
class ProjectCommandController {

    /**
     * A project's version right after it is created over HTTP: ProjectCreated is event 0 and the caller becoming its
     * OWNER is event 1 (every HTTP command has a caller).
     */
    static final long CREATED_VERSION = 1;

    private final CommandSender commands;

    ProjectCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record ProjectCreatedResponse(String id, String key, String name, String description, long version) {
    }

    record PlanImportedResponse(long version, int tasksAdded) {
    }

    record TaskAddedResponse(String key, long version) {
    }

    @PostMapping
    ResponseEntity<ProjectCreatedResponse> create(@RequestBody CreateProjectRequest request) {
        present(request, "body");
        ProjectId id = ProjectId.random();
        // The key's format and uniqueness are the aggregate's rules.
        String key = required(request.key(), "key");
        commands.send(new CreateProjectCommand(id, key, required(request.name(), "name"), request.description()),
                null);
        return withVersion(ResponseEntity.created(URI.create("/api/projects/" + id)), CREATED_VERSION)
                .body(new ProjectCreatedResponse(id.toString(), key, request.name(), request.description(),
                        CREATED_VERSION));
    }

    @PostMapping("/{projectId}/plan")
    ResponseEntity<PlanImportedResponse> importPlan(@PathVariable String projectId,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                    String ifMatch,
                                                    @RequestBody PlanRequest request) {
        List<TaskDefinition> tasks = present(request, "body").toDefinitions();
        CommandAccepted accepted = commands.send(new ImportPlanCommand(projectId(projectId), tasks), ifMatch);
        return withVersion(ResponseEntity.ok(), accepted.version())
                .body(new PlanImportedResponse(accepted.version(), tasks.size()));
    }

    @PostMapping("/{projectId}/tasks")
    ResponseEntity<TaskAddedResponse> addTask(@PathVariable String projectId,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                              String ifMatch,
                                              @RequestBody AddTaskRequest request) {
        TaskDefinition task = present(request, "body").toDefinition();
        CommandAccepted accepted = commands.send(new AddTaskCommand(projectId(projectId), task), ifMatch);
        URI location = URI.create("/api/projects/" + projectId + "/tasks/" + task.key());
        return withVersion(ResponseEntity.created(location), accepted.version())
                .body(new TaskAddedResponse(task.key().value(), accepted.version()));
    }

    @PostMapping("/{projectId}/archive")
    ResponseEntity<CommandAccepted> archive(@PathVariable String projectId,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch) {
        CommandAccepted accepted = commands.send(new ArchiveProjectCommand(projectId(projectId)), ifMatch);
        return withVersion(ResponseEntity.ok(), accepted.version()).body(accepted);
    }
}
