package io.taskledger.api.audit;

import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;

/** Why an event happened. Answer: {@link CausationChain}; refused when the project or the event is unknown. */
public record FindEventCausesQuery(ProjectScope scope, String eventId) implements ProjectScopedQuery {
}
