package io.taskledger.api.audit;

import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;

/** Recompute a project's hash chain. Answer: {@link IntegrityReport}; refused for an unknown project. */
public record VerifyProjectQuery(ProjectScope scope) implements ProjectScopedQuery {
}
