package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.serialization.Revision;

/** A project was archived; it accepts no more commands. */
@Revision("1")
public record ProjectArchived(ProjectId projectId) implements ProjectEvent {
}
