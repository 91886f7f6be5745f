package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;

/**
 * A command addressed to one project; sealed, so that a switch over the project's commands is exhaustive. A command may carry the version it expects the project to be at in its
 * metadata, under {@link #EXPECTED_VERSION}; it is then refused unless the project is at exactly that version.
 */
public sealed interface ProjectCommand permits TaskCommand,
        AddMemberCommand, AddTaskCommand, ArchiveProjectCommand, CreateProjectCommand, ImportPlanCommand,
        RemoveMemberCommand {

    /** Metadata key of the optional expected project version (the HTTP {@code If-Match}). */
    String EXPECTED_VERSION = "expectedVersion";

    ProjectId projectId();
}
