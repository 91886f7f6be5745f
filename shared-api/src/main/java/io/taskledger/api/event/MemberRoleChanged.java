package io.taskledger.api.event;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.ProjectId;
import org.axonframework.serialization.Revision;

/** A member's role in the project changed. */
@Revision("1")
public record MemberRoleChanged(ProjectId projectId, String username, ProjectRole role, ProjectRole previousRole) implements ProjectEvent {
}
