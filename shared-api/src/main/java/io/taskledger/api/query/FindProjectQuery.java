package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;

/** One project. Answer: an optional {@link ProjectSummary}. */
public record FindProjectQuery(ProjectScope scope) implements ProjectScopedQuery {
}
