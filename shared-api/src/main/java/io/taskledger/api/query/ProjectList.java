package io.taskledger.api.query;

import java.util.List;

/** A typed list answer, so the query bus carries one concrete response type. */
public record ProjectList(List<ProjectSummary> projects, PageEnd page) {

    /** A list answered whole. */
    public ProjectList(List<ProjectSummary> projects) {
        this(projects, PageEnd.WHOLE);
    }
}
