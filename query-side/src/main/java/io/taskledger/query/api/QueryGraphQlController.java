package io.taskledger.query.api;

import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import io.taskledger.api.access.Caller;
import io.taskledger.api.account.AccountList;
import io.taskledger.api.account.AccountView;
import io.taskledger.api.account.FindAccountQuery;
import io.taskledger.api.account.FindAccountsQuery;
import io.taskledger.api.audit.CausationChain;
import io.taskledger.api.audit.FindEventCausesQuery;
import io.taskledger.api.audit.FindProjectEventsQuery;
import io.taskledger.api.audit.FindTaskHistoryQuery;
import io.taskledger.api.audit.HistoryEntry;
import io.taskledger.api.audit.IntegrityReport;
import io.taskledger.api.audit.ProjectEventPage;
import io.taskledger.api.audit.RecordedEvent;
import io.taskledger.api.audit.TaskHistory;
import io.taskledger.api.audit.VerifyProjectQuery;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
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
import io.taskledger.api.query.FindTasksOfProjectsQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.MemberList;
import io.taskledger.api.query.PageEnd;
import io.taskledger.api.query.PageRequest;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import io.taskledger.api.query.TasksOfProjects;
import io.taskledger.api.timetravel.FindProjectAsOfQuery;
import io.taskledger.api.timetravel.FindTaskAsOfQuery;
import io.taskledger.api.timetravel.FindTasksAsOfQuery;
import io.taskledger.api.timetravel.PointInTime;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.LocalContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The reads of {@code queries.graphqls}, through the same queries and handlers as REST: the handler decides what the
 * viewer may see. Where REST answers 404 for a project the viewer may not see, GraphQL answers null, for a missing
 * and a hidden project alike.
 */
@Controller
public class QueryGraphQlController {

    private static final String POINT_IN_TIME = "pointInTime";

    private final BoardQueries queries;

    public QueryGraphQlController(BoardQueries queries, BatchLoaderRegistry loaders) {
        this.queries = queries;
        loaders.forTypePair(TasksOfProject.class, List.class)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadTasks(keys)));
    }

    /** Whose tasks, with which filters, for whom: what one {@code Project.tasks} field asks. */
    record TasksOfProject(ProjectId projectId, TaskFilter filter) {
    }

    record TaskFilter(Caller viewer, TaskStatus status, String assignee, TaskLevel level) {
    }

    /** One query per distinct filter (in practice one): the tasks of every project asked with it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Map<TasksOfProject, List> loadTasks(Set<TasksOfProject> keys) {
        Map<TasksOfProject, List> loaded = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(TasksOfProject::filter)).forEach((filter, sameFilter) -> {
            TasksOfProjects read = queries.ask(new FindTasksOfProjectsQuery(filter.viewer(),
                    sameFilter.stream().map(TasksOfProject::projectId).toList(), filter.status(), filter.assignee(),
                    filter.level()), TasksOfProjects.class);
            sameFilter.forEach(key -> loaded.put(key, read.of(key.projectId())));
        });
        return loaded;
    }

    @QueryMapping
    public ProjectSummary project(@Argument String id, @Argument Integer minVersion, Caller caller) {
        ProjectScope scope = new ProjectScope(RequestValues.projectId(id), caller,
                minVersion == null ? null : ProjectVersion.of(minVersion));
        return visibleOrNull(new FindProjectQuery(scope));
    }

    @QueryMapping
    public Page<ProjectSummary> projects(@Argument Integer limit, @Argument String after, Caller caller) {
        ProjectList projects = queries.ask(new FindProjectsQuery(caller, page(limit, after)), ProjectList.class);
        return new Page<>(projects.projects(), projects.page());
    }

    @QueryMapping
    public TaskRow nextTask(@Argument String agent, Caller caller) {
        return queries.askOptional(new FindNextTaskQuery(agent, caller), TaskRow.class).orElse(null);
    }

    @QueryMapping
    public Page<EscalationView> escalations(@Argument String status, @Argument Integer limit, @Argument String after,
                                            Caller caller) {
        EscalationList inbox = queries.ask(new FindEscalationsQuery(status, caller, page(limit, after)),
                EscalationList.class);
        return new Page<>(inbox.escalations(), inbox.page());
    }

    /** The point in time travels to the past project's fields as the local context of its answer. */
    @QueryMapping
    public DataFetcherResult<ProjectSummary> pastProject(@Argument String id, @Argument String asOf,
                                                         @Argument Integer asOfVersion, Caller caller) {
        if (asOf == null && asOfVersion == null) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "pastProject needs asOf, asOfVersion or both");
        }
        PointInTime at = TimeTravelQueryController.pointInTime(asOf,
                asOfVersion == null ? null : asOfVersion.toString());
        ProjectSummary project = visibleOrNull(new FindProjectAsOfQuery(ProjectScope.of(RequestValues.projectId(id),
                caller), at));
        return DataFetcherResult.<ProjectSummary>newResult().data(project)
                .localContext(GraphQLContext.newContext().of(POINT_IN_TIME, at).build()).build();
    }

    @SchemaMapping(typeName = "PastProject")
    public List<TaskRow> tasks(ProjectSummary project, @Argument TaskStatus status, @Argument TaskLevel level,
                               @Argument String assignee, @LocalContextValue(POINT_IN_TIME) PointInTime at, Caller caller) {
        List<TaskRow> tasks = new ArrayList<>();
        PageRequest page = new PageRequest(null, PageRequest.MAX_LIMIT);
        while (page != null) {
            TaskList read = visibleOrNull(new FindTasksAsOfQuery(
                    tasksQuery(ProjectScope.of(project.id(), caller), status, level, assignee, page), at));
            if (read == null) {
                return List.of();
            }
            tasks.addAll(read.tasks());
            page = read.page().hasMore() ? new PageRequest(read.page().nextAfter(), PageRequest.MAX_LIMIT) : null;
        }
        return tasks;
    }

    @SchemaMapping(typeName = "PastProject")
    public TaskDetails task(ProjectSummary project, @Argument String key, @LocalContextValue(POINT_IN_TIME) PointInTime at,
                            Caller caller) {
        return visibleOrNull(new FindTaskAsOfQuery(new FindTaskQuery(ProjectScope.of(project.id(), caller),
                RequestValues.taskKey(key)), at));
    }

    @SchemaMapping(typeName = "PastProject", field = "countsByStatus")
    public List<StatusCount> pastCountsByStatus(ProjectSummary project) {
        return countsByStatus(project);
    }

    @QueryMapping
    public AccountView me(Caller caller) {
        return queries.askOptional(new FindAccountQuery(caller.username()), AccountView.class)
                .orElseThrow(() -> new TaskledgerException(ErrorCode.ACCOUNT_NOT_FOUND,
                        "account " + caller.username() + " does not exist"));
    }

    /**
     * Every task of the project. Batched: the tasks of all the projects of one answer (a page of {@code projects},
     * say) are read by one query ({@link #loadTasks}), not one per project.
     */
    @SchemaMapping(typeName = "Project")
    public CompletableFuture<List<TaskRow>> tasks(ProjectSummary project, @Argument TaskStatus status,
                                                  @Argument TaskLevel level, @Argument String assignee,
                                                  Caller caller, DataLoader<TasksOfProject, List<TaskRow>> tasks) {
        return tasks.load(new TasksOfProject(project.id(), new TaskFilter(caller, status,
                assignee == null || assignee.isBlank() ? null : assignee, level)));
    }

    @SchemaMapping(typeName = "Project")
    public Page<TaskRow> taskPage(ProjectSummary project, @Argument TaskStatus status, @Argument TaskLevel level,
                                  @Argument String assignee, @Argument Integer limit, @Argument String after,
                                  Caller caller) {
        TaskList read = visibleOrNull(tasksQuery(scopeOf(project, caller), status, level, assignee,
                page(limit, after)));
        return read == null ? new Page<>(List.of(), new PageEnd(null, false)) : new Page<>(read.tasks(), read.page());
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
    public EventPage events(ProjectSummary project, @Argument Integer after, @Argument Integer limit, Caller caller) {
        long afterSequence = AuditQueryController.number("after", after == null ? null : after.toString(), -1, -1,
                Integer.MAX_VALUE);
        int pageSize = (int) AuditQueryController.number("limit", limit == null ? null : limit.toString(),
                FindProjectEventsQuery.DEFAULT_LIMIT, 1, FindProjectEventsQuery.MAX_LIMIT);
        ProjectEventPage page = visibleOrNull(new FindProjectEventsQuery(scopeOf(project, caller), afterSequence,
                pageSize));
        return page == null ? new EventPage(List.of(), afterSequence, false)
                : new EventPage(page.events(), page.nextAfter(), page.hasMore());
    }

    @SchemaMapping(typeName = "Project")
    public List<HistoryEntry> history(ProjectSummary project, @Argument String taskKey, Caller caller) {
        TaskHistory history = visibleOrNull(new FindTaskHistoryQuery(scopeOf(project, caller),
                RequestValues.taskKey(taskKey)));
        return history == null ? List.of() : history.entries();
    }

    @SchemaMapping(typeName = "Project")
    public List<HistoryEntry> causes(ProjectSummary project, @Argument String eventId, Caller caller) {
        CausationChain causes = visibleOrNull(new FindEventCausesQuery(scopeOf(project, caller), eventId));
        return causes == null ? List.of() : causes.chain();
    }

    @SchemaMapping(typeName = "Project")
    public IntegrityReport verify(ProjectSummary project, Caller caller) {
        return queries.ask(new VerifyProjectQuery(scopeOf(project, caller)), IntegrityReport.class);
    }

    /** ADMIN only, as {@code /api/users} is: the schema says so ({@code @requiresRole}). */
    @QueryMapping
    public Page<AccountView> users(@Argument Integer limit, @Argument String after) {
        AccountList accounts = queries.ask(new FindAccountsQuery(page(limit, after)), AccountList.class);
        return new Page<>(accounts.accounts(), accounts.page());
    }

    @SchemaMapping(typeName = "RecordedEvent")
    public String globalPosition(RecordedEvent event) {
        return Long.toString(event.globalPosition());
    }

    /** The event log's page, with its cursor as a number. */
    public record EventPage(List<RecordedEvent> items, long nextAfter, boolean hasMore) {
    }

    @SchemaMapping(typeName = "Project")
    public List<StatusCount> countsByStatus(ProjectSummary project) {
        return project.countsByStatus().entrySet().stream()
                .map(count -> new StatusCount(count.getKey(), count.getValue())).toList();
    }

    public record StatusCount(TaskStatus status, int count) {
    }

    /** A page of a list, with REST's cursor fields. */
    public record Page<T>(List<T> items, String nextAfter, boolean hasMore) {
        Page(List<T> items, PageEnd end) {
            this(items, end.nextAfter(), end.hasMore());
        }
    }

    private static PageRequest page(Integer limit, String after) {
        return new PageRequest(after, limit == null ? PageRequest.DEFAULT_LIMIT : limit);
    }

    private static FindTasksQuery tasksQuery(ProjectScope scope, TaskStatus status, TaskLevel level,
                                             String assignee, PageRequest page) {
        return new FindTasksQuery(scope, status,
                assignee == null || assignee.isBlank() ? null : assignee, level, page);
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
