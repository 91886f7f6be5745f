package io.taskledger.api.command;

import java.time.Instant;

/** The answer to an accepted {@link StartTaskCommand}. */
public record AttemptOpened(int attempt, Instant leaseExpiresAt, long version) {
}
