package io.taskledger.api.query;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;

import java.util.Objects;

/**
 * What every project-scoped query carries: the project, who asks (the handler answers only what this viewer may see;
 * a project the viewer may not see is answered exactly like a missing one), and optionally the version the answer
 * must reflect at least ({@code X-Min-Version}: the handler waits, bounded, for the read model to reach it).
 *
 * @param minVersion null when the viewer asks for no version
 */
public record ProjectScope(ProjectId projectId, Caller viewer, ProjectVersion minVersion) {

    public ProjectScope {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(viewer, "viewer: a project-scoped query always says who asks");
    }

    public static ProjectScope of(ProjectId projectId, Caller viewer) {
        return new ProjectScope(projectId, viewer, null);
    }
}
