package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;

/** A project's members, by username. Answer: {@link MemberList}. */
public record FindMembersQuery(ProjectScope scope) implements ProjectScopedQuery {
}
