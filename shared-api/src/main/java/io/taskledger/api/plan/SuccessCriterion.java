package io.taskledger.api.plan;

/** One check of a step; named {@code <stepKey>/<n>}, n counting from 1 within its step. */
public record SuccessCriterion(CriterionType type, String expected) {
}
