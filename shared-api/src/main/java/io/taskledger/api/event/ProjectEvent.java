package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;

/** An event of one project's stream. */
public interface ProjectEvent {

    ProjectId projectId();
}
