package io.taskledger.api.query;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every project-scoped query carries: the project, who asks (the handler answers only what this viewer may see;
 * a project the viewer may not see is answered exactly like a missing one), optionally the version the answer must
 * reflect at least ({@code X-Min-Version}: the handler waits, bounded, for the read model to reach it), and the
 * versions whose answer the asker already holds ({@code If-None-Match}, or a serialization the server kept): while
 * the project is still at one of them, the handler answers {@link ProjectAnswer#unchanged() unchanged} without reading.
 *
 * @param minVersion null when the viewer asks for no version
 * @param known      empty when the asker holds no earlier answer
 */
public record ProjectScope(ProjectId projectId, Caller viewer, ProjectVersion minVersion,
                           List<ProjectVersion> known) {

    public ProjectScope {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(viewer, "viewer: a project-scoped query always says who asks");
        known = known == null ? List.of() : List.copyOf(known);
    }

    public ProjectScope(ProjectId projectId, Caller viewer, ProjectVersion minVersion) {
        this(projectId, viewer, minVersion, List.of());
    }

    public static ProjectScope of(ProjectId projectId, Caller viewer) {
        return new ProjectScope(projectId, viewer, null, List.of());
    }

    /** The same scope, also holding the answer at {@code version}. */
    public ProjectScope alsoKnowing(ProjectVersion version) {
        if (version == null || known.contains(version)) {
            return this;
        }
        List<ProjectVersion> more = new ArrayList<>(known);
        more.add(version);
        return new ProjectScope(projectId, viewer, minVersion, more);
    }
}
