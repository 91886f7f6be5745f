package io.taskledger.api.query;


/** A project's members, by username. Answer: {@link MemberList}. */
public record FindMembersQuery(ProjectScope scope) implements ProjectScopedQuery {
}
