package io.taskledger.api.plan;

/** An agent's verdict on one success criterion, with what it saw. */
public record CriterionResult(String criterion, boolean passed, String evidence) {
}
