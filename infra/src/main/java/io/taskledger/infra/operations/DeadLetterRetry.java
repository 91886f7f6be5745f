package io.taskledger.infra.operations;

/** The answer to retrying a dead letter: {@code applied} when every parked event of its sequence now applied. */
public record DeadLetterRetry(String id, boolean applied) {
}
