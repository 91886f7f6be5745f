package io.taskledger.api.query;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;

/**
 * Whether the project exists and the viewer may see it (a member, or an ADMIN or AUDITOR). Answer: {@link Boolean}.
 * The query side asks it before any project-scoped read, so a non-member cannot tell a hidden project from a
 * missing one.
 */
public record FindProjectVisibilityQuery(ProjectId projectId, Caller viewer) {
}
