package io.taskledger.command.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what in one project: its members and their roles, and the access rules of the design brief
 * ("People and agents"). A caller that is not a member does not learn that the project exists, unless its global
 * role reads every project; read-only global roles change nothing; working tasks is for the member that works them;
 * everything else is planning, for owners and managers.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class ProjectAccess {

    static final Set<GlobalRole> MAY_CREATE_PROJECTS = EnumSet.of(GlobalRole.ADMIN, GlobalRole.MANAGER);
    private static final Set<ProjectRole> PLANNERS = EnumSet.of(ProjectRole.OWNER, ProjectRole.MANAGER);
    private static final Set<ProjectRole> WORKERS = EnumSet.of(ProjectRole.AGENT, ProjectRole.CONTRIBUTOR);

    private Map<String, ProjectRole> members = new LinkedHashMap<>();

    /** Refuses the command unless the caller may send it; a command without a caller comes from Taskledger. */
    void authorize(Object command, Optional<Caller> caller, ProjectId projectId, String projectKey) {
        if (caller.isEmpty()) {
            return;
        }
        Caller who = caller.get();
        ProjectRole role = members.get(who.username());
        if (role == null) {
            if (who.role().readsEverything()) {
                throw forbidden(who.username() + " is not a member of project " + projectKey + ": " + who.role()
                        + " accounts read every project but change only those they are members of");
            }
            throw new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND, "project " + projectId + " does not exist");
        }
        if (who.role().isReadOnly()) {
            throw forbidden(who.username() + " is " + who.role() + " and changes nothing");
        }
        boolean worksTasks = command instanceof StartTaskCommand || command instanceof ReportAttemptCommand;
        Set<ProjectRole> allowed = worksTasks ? WORKERS : PLANNERS;
        if (!allowed.contains(role)) {
            throw forbidden(describe(command) + " needs the project role " + String.join(" or ",
                    allowed.stream().map(Enum::name).toList()) + "; " + who.username() + " is " + role);
        }
        if (command instanceof StartTaskCommand start && !who.username().equals(start.agent())) {
            throw forbidden(who.username() + " cannot start a task for " + start.agent()
                    + ": an agent starts its own attempts");
        }
        if (command instanceof ReportAttemptCommand report && report.agent() != null
                && !who.username().equals(report.agent())) {
            throw forbidden(who.username() + " cannot report for " + report.agent());
        }
    }

    /** Granting, changing or removing the OWNER role is for owners. */
    void requireOwnerForOwnership(Optional<Caller> caller, String username, ProjectRole newRole) {
        boolean touchesOwnership = newRole == ProjectRole.OWNER || members.get(username) == ProjectRole.OWNER;
        if (touchesOwnership && caller.isPresent() && members.get(caller.get().username()) != ProjectRole.OWNER) {
            throw forbidden("only an OWNER grants, changes or removes the OWNER role");
        }
    }

    /** A project always keeps an owner. */
    void requireAnotherOwner(String username) {
        boolean lastOwner = members.get(username) == ProjectRole.OWNER
                && members.values().stream().filter(ProjectRole.OWNER::equals).count() == 1;
        if (lastOwner) {
            throw new TaskledgerException(ErrorCode.LAST_OWNER,
                    username + " is the project's last OWNER; make another member OWNER first");
        }
    }

    Optional<ProjectRole> roleOf(String username) {
        return Optional.ofNullable(members.get(username));
    }

    void assign(String username, ProjectRole role) {
        members.put(username, role);
    }

    void remove(String username) {
        members.remove(username);
    }

    private static String describe(Object command) {
        return command.getClass().getSimpleName().replaceAll("Command$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }

    private static TaskledgerException forbidden(String message) {
        return new TaskledgerException(ErrorCode.FORBIDDEN, message);
    }
}
