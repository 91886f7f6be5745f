package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;

/** An event of one project's stream; sealed, so that a switch over the project's events is exhaustive. */
public sealed interface ProjectEvent permits TaskEvent,
        MemberAdded, MemberRemoved, MemberRoleChanged, ProjectArchived, ProjectCreated, TaskAdded {

    ProjectId projectId();
}
