package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;

/** The project version the read models reflect, or -1 if they have not seen the project. Answer: {@link Long}. */
public record FindProjectVersionQuery(ProjectId projectId) {
}
