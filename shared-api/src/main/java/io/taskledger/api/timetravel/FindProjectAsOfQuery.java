package io.taskledger.api.timetravel;

import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;

/**
 * A project as its board showed it at a point in the past, rebuilt from the event store. Answer: an optional
 * {@code ProjectSummary}, empty when the project did not exist yet.
 */
public record FindProjectAsOfQuery(ProjectScope scope, PointInTime at) implements ProjectScopedQuery {
}
