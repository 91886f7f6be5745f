package io.taskledger.api.stream;

import java.util.List;

/**
 * Changes of a project after a version, oldest first, at most a page of them.
 *
 * @param changes the changes read, in version order
 * @param hasMore whether more changes followed when the page was read (ask again after the last one)
 * @param version the project's version when the page was read: the last change's version, or, for a page after a
 *                version the project had not passed, the project's version then
 */
public record ProjectChangePage(List<ProjectChange> changes, boolean hasMore, long version) {

    public ProjectChangePage {
        changes = List.copyOf(changes);
    }
}
