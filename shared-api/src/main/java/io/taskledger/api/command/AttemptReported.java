package io.taskledger.api.command;

import io.taskledger.api.plan.TaskStatus;

/** The answer to an accepted {@link ReportAttemptCommand}: the task's status after the report. */
public record AttemptReported(TaskStatus status, long version) {
}
