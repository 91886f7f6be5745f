package io.taskledger.api.query;


/** One project. Answer: an optional {@link ProjectSummary}. */
public record FindProjectQuery(ProjectScope scope) implements ProjectScopedQuery {
}
