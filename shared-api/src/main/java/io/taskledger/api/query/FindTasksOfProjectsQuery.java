package io.taskledger.api.query;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

import java.util.List;
import java.util.Objects;

/**
 * Every task of several projects at once, in plan order, each filter optional (null for all): what a client reading
 * a list of projects with their boards needs, in one read instead of one per project. Answer:
 * {@link TasksOfProjects}, holding only the projects the viewer may see (a hidden project is left out exactly like
 * a missing one).
 */
public record FindTasksOfProjectsQuery(Caller viewer, List<ProjectId> projectIds, TaskStatus status, String assignee,
                                       TaskLevel level) {

    public FindTasksOfProjectsQuery {
        Objects.requireNonNull(viewer, "viewer: a query about projects always says who asks");
        projectIds = List.copyOf(projectIds);
    }
}
