package io.taskledger.api.stream;

import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;

/**
 * A project's changes, live: sent as a subscription query, its first answer ({@link ProjectChangePage}) is the
 * changes after {@code afterVersion} read from the event store (at most {@code limit}), and its updates are each
 * {@link ProjectChange} committed from then on, on any node. Without {@code afterVersion} the first answer holds no
 * change and names the project's current version. Refused with PROJECT_NOT_FOUND, as every project read, for a
 * project the viewer may not see. Sent as a plain query, it reads the next page of the history.
 *
 * @param afterVersion null to follow from the current version on
 */
public record FollowProjectQuery(ProjectScope scope, Long afterVersion, int limit) implements ProjectScopedQuery {

    public FollowProjectQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one change, not " + limit);
        }
    }
}
