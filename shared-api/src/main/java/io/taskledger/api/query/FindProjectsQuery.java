package io.taskledger.api.query;

import io.taskledger.api.access.Caller;

/**
 * Every project, newest first (projects created at the same instant kept apart by id), one page of them (the cursor
 * is a project's id). Answer: {@link ProjectList}. Only projects the viewer may see: those it is a member of, or all
 * for ADMIN and AUDITOR.
 */
public record FindProjectsQuery(Caller viewer, PageRequest page) {

    public FindProjectsQuery(Caller viewer) {
        this(viewer, PageRequest.FIRST);
    }
}
