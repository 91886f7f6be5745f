package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.account.AccountView;
import io.taskledger.api.account.FindAccountQuery;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.EscalationList;
import io.taskledger.api.query.EscalationView;
import io.taskledger.api.query.FindEscalationsQuery;
import io.taskledger.api.query.FindMembersQuery;
import io.taskledger.api.query.FindNextTaskQuery;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindProjectsQuery;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.MemberList;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/**
 * The reads of {@code queries.graphqls}, through the same queries and handlers as REST: the handler decides what the
 * viewer may see. Where REST answers 404 for a project the viewer may not see, GraphQL answers null, for a missing
 * and a hidden project alike.
 */
@Controller
public class QueryGraphQlController {

    private final BoardQueries queries;

    public QueryGraphQlController(BoardQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    public ProjectSummary project(@Argument String id, @Argument Integer minVersion, Caller caller) {
        ProjectScope scope = new ProjectScope(RequestValues.projectId(id), caller,
                minVersion == null ? null : ProjectVersion.of(minVersion));
        return visibleOrNull(new FindProjectQuery(scope));
    }

    @QueryMapping
    public List<ProjectSummary> projects(Caller caller) {
        return queries.ask(new FindProjectsQuery(caller), ProjectList.class).projects();
    }

    @QueryMapping
    public TaskRow nextTask(@Argument String agent, Caller caller) {
        return queries.askOptional(new FindNextTaskQuery(agent, caller), TaskRow.class).orElse(null);
    }

    @QueryMapping
    public List<EscalationView> escalations(@Argument String status, Caller caller) {
        return queries.ask(new FindEscalationsQuery(status, caller), EscalationList.class).escalations();
    }

    @QueryMapping
    public AccountView me(Caller caller) {
        return queries.askOptional(new FindAccountQuery(caller.username()), AccountView.class)
                .orElseThrow(() -> new TaskledgerException(ErrorCode.ACCOUNT_NOT_FOUND,
                        "account " + caller.username() + " does not exist"));
    }

    /** Read at least at the version the project was read at, so a project's fields never go back in time. */
    @SchemaMapping(typeName = "Project")
    public List<TaskRow> tasks(ProjectSummary project, @Argument TaskStatus status, @Argument TaskLevel level,
                               @Argument String assignee, Caller caller) {
        TaskList tasks = visibleOrNull(new FindTasksQuery(scopeOf(project, caller), status,
                assignee == null || assignee.isBlank() ? null : assignee, level));
        return tasks == null ? List.of() : tasks.tasks();
    }

    @SchemaMapping(typeName = "Project")
    public TaskDetails task(ProjectSummary project, @Argument String key, Caller caller) {
        return visibleOrNull(new FindTaskQuery(scopeOf(project, caller), RequestValues.taskKey(key)));
    }

    @SchemaMapping(typeName = "Project")
    public List<MemberList.Member> members(ProjectSummary project, Caller caller) {
        MemberList members = visibleOrNull(new FindMembersQuery(scopeOf(project, caller)));
        return members == null ? List.of() : members.members();
    }

    @SchemaMapping(typeName = "Project")
    public List<StatusCount> countsByStatus(ProjectSummary project) {
        return project.countsByStatus().entrySet().stream()
                .map(count -> new StatusCount(count.getKey(), count.getValue())).toList();
    }

    public record StatusCount(TaskStatus status, int count) {
    }

    private static ProjectScope scopeOf(ProjectSummary project, Caller caller) {
        return new ProjectScope(project.id(), caller, ProjectVersion.of(project.version()));
    }

    /** The answer's body; null for a project that does not exist or that the viewer may not see. */
    private <R> R visibleOrNull(ProjectScopedQuery query) {
        try {
            return queries.<R>askProject(query).body();
        } catch (TaskledgerException e) {
            if (e.code() == ErrorCode.PROJECT_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
