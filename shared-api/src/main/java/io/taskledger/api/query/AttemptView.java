package io.taskledger.api.query;

import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;

import java.time.Instant;
import java.util.List;

/** One attempt at a task. {@code outcome} is RUNNING, SUCCEEDED, FAILED, or ABANDONED when the task was cancelled while it ran. */
public record AttemptView(
        int number,
        String agent,
        String outcome,
        AttemptFailureReason failureReason,
        Instant startedAt,
        Instant leaseExpiresAt,
        Instant endedAt,
        List<CriterionResult> results) {

    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String ABANDONED = "ABANDONED";
}
