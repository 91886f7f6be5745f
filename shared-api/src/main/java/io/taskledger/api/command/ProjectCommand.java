package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;

/**
 * A command addressed to one project. A command may carry the version it expects the project to be at in its
 * metadata, under {@link #EXPECTED_VERSION}; it is then refused unless the project is at exactly that version.
 */
public interface ProjectCommand {

    /** Metadata key of the optional expected project version (the HTTP {@code If-Match}). */
    String EXPECTED_VERSION = "expectedVersion";

    ProjectId projectId();
}
