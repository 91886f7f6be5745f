package io.taskledger.projections.board;

import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.query.AttemptView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One attempt at a leaf, from its start to its outcome, with the agent's verdict on every criterion. */
public class BoardAttempt {

    /** Attempt {@code number} of one task. */
    public record Id(UUID projectId, String taskKey, int number) {
    }

    private UUID projectId;

    private String taskKey;

    private int number;

    private String agent;

    /** One of the {@link AttemptView} outcomes. */
    private String outcome;

    private AttemptFailureReason failureReason;

    private Instant startedAt;

    private Instant leaseExpiresAt;

    private Instant endedAt;

    private List<CriterionResult> results;

    BoardAttempt(UUID projectId, String taskKey, int number, String agent, Instant startedAt, Instant leaseExpiresAt) {
        this(projectId, taskKey, number, agent, AttemptView.RUNNING, null, startedAt, leaseExpiresAt, null, List.of());
    }

    /** A row as stored. */
    BoardAttempt(UUID projectId, String taskKey, int number, String agent, String outcome,
                 AttemptFailureReason failureReason, Instant startedAt, Instant leaseExpiresAt, Instant endedAt,
                 List<CriterionResult> results) {
        this.projectId = projectId;
        this.taskKey = taskKey;
        this.number = number;
        this.agent = agent;
        this.outcome = outcome;
        this.failureReason = failureReason;
        this.startedAt = startedAt;
        this.leaseExpiresAt = leaseExpiresAt;
        this.endedAt = endedAt;
        this.results = results;
    }

    Id id() {
        return new Id(projectId, taskKey, number);
    }

    boolean isRunning() {
        return AttemptView.RUNNING.equals(outcome);
    }

    void succeed(List<CriterionResult> reported, Instant at) {
        end(AttemptView.SUCCEEDED, reported, at);
    }

    void fail(AttemptFailureReason reason, List<CriterionResult> reported, Instant at) {
        end(AttemptView.FAILED, reported, at);
        failureReason = reason;
    }

    /** The task was cancelled while this attempt ran; a later report of it is refused. */
    void abandon(Instant at) {
        end(AttemptView.ABANDONED, List.of(), at);
    }

    private void end(String finalOutcome, List<CriterionResult> reported, Instant at) {
        outcome = finalOutcome;
        results = List.copyOf(reported);
        endedAt = at;
    }

    /** The criteria this attempt reported as not passed, with their evidence. */
    List<CriterionResult> failedResults() {
        return results.stream().filter(result -> !result.passed()).toList();
    }

    boolean timedOut() {
        return failureReason == AttemptFailureReason.TIMED_OUT;
    }

    String agent() {
        return agent;
    }

    String outcome() {
        return outcome;
    }

    AttemptFailureReason failureReason() {
        return failureReason;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant leaseExpiresAt() {
        return leaseExpiresAt;
    }

    Instant endedAt() {
        return endedAt;
    }

    List<CriterionResult> results() {
        return results;
    }

    AttemptView toView() {
        return new AttemptView(number, agent, outcome, failureReason, startedAt, leaseExpiresAt, endedAt, results);
    }
}
