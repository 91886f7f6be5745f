package io.taskledger.api.event;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.ProjectId;
import org.axonframework.serialization.Revision;

/** An account is no longer a member of the project. */
@Revision("1")
public record MemberRemoved(ProjectId projectId, String username, ProjectRole previousRole) implements ProjectEvent {
}
