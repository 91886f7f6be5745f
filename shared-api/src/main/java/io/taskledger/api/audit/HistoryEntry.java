package io.taskledger.api.audit;

import java.time.Instant;

/**
 * One event in plain words.
 *
 * @param kind        {@link #EVENT}, or for a step of a causation chain the message that caused the events:
 *                    {@link #COMMAND} or {@link #DEADLINE}
 * @param messageId   the event's id, or the causing message's id
 * @param sequence    the event's sequence number in its project; null for a causing message
 * @param type        the event's simple name, or the causing message's name (null when not recorded)
 * @param actor       who acted
 * @param description what happened, e.g. "attempt 2 failed on criterion P04-T01-S01-01/1 (evidence: exit code 1)"
 */
public record HistoryEntry(
        String kind,
        String messageId,
        Long sequence,
        Instant at,
        String type,
        String actor,
        String description) {

    public static final String EVENT = "EVENT";
    public static final String COMMAND = "COMMAND";
    public static final String DEADLINE = "DEADLINE";
}
