package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.serialization.Revision;

/** A project was created. */
@Revision("1")
public record ProjectCreated(ProjectId projectId, String key, String name, String description) implements ProjectEvent {
}
