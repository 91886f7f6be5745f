package io.taskledger.api.event;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.ProjectId;
import org.axonframework.serialization.Revision;

/** An account became a member of the project. The creator of a project is added as its OWNER. */
@Revision("1")
public record MemberAdded(ProjectId projectId, String username, ProjectRole role) implements ProjectEvent {
}
