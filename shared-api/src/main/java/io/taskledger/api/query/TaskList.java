package io.taskledger.api.query;

import java.util.List;

/** A typed list answer, so the query bus carries one concrete response type. */
public record TaskList(List<TaskRow> tasks, PageEnd page) {

    /** A list answered whole. */
    public TaskList(List<TaskRow> tasks) {
        this(tasks, PageEnd.WHOLE);
    }
}
