package io.taskledger.api.query;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;

/**
 * Whether the event store holds the project and, by the project's own events, the viewer may see it (a member, or an
 * ADMIN or AUDITOR): asked when the read models do not show the project in time, to tell a project they are behind on
 * from one that does not exist or is hidden. Answer: {@link Boolean}.
 */
public record FindProjectInEventStoreQuery(ProjectId projectId, Caller viewer) {
}
