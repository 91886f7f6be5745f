package io.taskledger.api.audit;

import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;

/**
 * A page of a project's events as stored, in sequence order: those with a sequence number above {@code after}
 * (-1 for the first page), at most {@code limit} of them. Answer: {@link ProjectEventPage}; refused with
 * PROJECT_NOT_FOUND for a project without events.
 */
public record FindProjectEventsQuery(ProjectScope scope, long after, int limit) implements ProjectScopedQuery {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
}
