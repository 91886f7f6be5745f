package io.taskledger.api.query;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;

/**
 * The project version the read models reflect, as far as the viewer may know: -1 when they have not seen the
 * project or the viewer may not see it (not a member, nor an ADMIN or AUDITOR), so a hidden project and a missing
 * one look the same. Answer: {@link Long}.
 */
public record FindProjectVersionQuery(ProjectId projectId, Caller viewer) {
}
