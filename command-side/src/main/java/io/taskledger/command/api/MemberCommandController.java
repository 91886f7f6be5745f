package io.taskledger.command.api;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.command.AddMemberCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.RemoveMemberCommand;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.taskledger.command.api.CommandSender.withVersion;
import static io.taskledger.command.api.RequestFields.present;
import static io.taskledger.command.api.RequestFields.projectId;
import static io.taskledger.command.api.RequestFields.required;
import static io.taskledger.command.api.RequestFields.requiredEnum;

/** Who belongs to a project: adding members, changing their roles, removing them. */
@RestController
@RequestMapping(path = "/api/projects/{projectId}/members", produces = "application/json")
class MemberCommandController {

    private final CommandSender commands;

    MemberCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record MemberRequest(String username, String role) {
    }

    /** Adds a member, or changes the role of one. */
    @PostMapping
    ResponseEntity<CommandAccepted> add(@PathVariable String projectId,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody MemberRequest request) {
        present(request, "body");
        CommandAccepted accepted = commands.send(new AddMemberCommand(projectId(projectId),
                required(request.username(), "username"),
                requiredEnum(ProjectRole.class, request.role(), "role")), ifMatch);
        return withVersion(ResponseEntity.ok(), accepted.version()).body(accepted);
    }

    @DeleteMapping("/{username}")
    ResponseEntity<CommandAccepted> remove(@PathVariable String projectId, @PathVariable String username,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                           String ifMatch) {
        CommandAccepted accepted = commands.send(new RemoveMemberCommand(projectId(projectId), username), ifMatch);
        return withVersion(ResponseEntity.ok(), accepted.version()).body(accepted);
    }
}
