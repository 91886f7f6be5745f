package io.taskledger.api.query;

/**
 * Waits, bounded, until the read model has handled every event at or below {@code position} in the event store (the
 * global position a command answered as {@code X-Min-Position}), so that a read sent with it shows that write and
 * every write before it. Answer: the position, as a {@code Long}; refused with READ_MODEL_BEHIND when the bound
 * passes first.
 */
public record AwaitPositionQuery(ReadModel readModel, long position) {
}
