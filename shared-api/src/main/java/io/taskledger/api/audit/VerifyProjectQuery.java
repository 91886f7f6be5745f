package io.taskledger.api.audit;

import io.taskledger.api.ids.ProjectId;

/** Recompute a project's hash chain. Answer: {@link IntegrityReport}; refused for an unknown project. */
public record VerifyProjectQuery(ProjectId projectId) {
}
