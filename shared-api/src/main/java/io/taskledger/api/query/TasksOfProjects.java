package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;

import java.util.List;
import java.util.Map;

/** The tasks of each project the viewer may see, in plan order; a project it may not see has no entry. */
public record TasksOfProjects(Map<ProjectId, List<TaskRow>> tasks) {

    public TasksOfProjects {
        tasks = Map.copyOf(tasks);
    }

    public List<TaskRow> of(ProjectId projectId) {
        return tasks.getOrDefault(projectId, List.of());
    }
}
