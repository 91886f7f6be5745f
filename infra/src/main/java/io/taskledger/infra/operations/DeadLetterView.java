package io.taskledger.infra.operations;

import java.time.Instant;

/**
 * An event parked by a projection, with the failure that parked it. {@code sequence} is the project id: the letters
 * of one sequence are retried in order, from its first.
 */
public record DeadLetterView(String id, String processingGroup, String sequence, long index, String eventId,
                             String eventType, Instant enqueuedAt, Instant lastTouched, String causeType,
                             String causeMessage) {
}
