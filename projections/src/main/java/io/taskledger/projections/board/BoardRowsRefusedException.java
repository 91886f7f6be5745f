package io.taskledger.projections.board;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The database refused the board rows of some projects (a value it cannot store, a constraint): the whole batch rolls
 * back and is tried again, and then the first event of each of these projects fails in its handler, so that Axon's
 * dead-letter queue parks it and the project's later events, while the other projects' rows are written.
 */
public class BoardRowsRefusedException extends RuntimeException {

    /** A project whose rows the database refused: its words, and the events of the batch that wrote them. */
    record Refusal(String reason, List<String> eventIds) {
    }

    private final transient Map<UUID, Refusal> refusals;

    BoardRowsRefusedException(Map<UUID, Refusal> refusals, Throwable cause) {
        super("the database refused the board rows of " + (refusals.size() == 1 ? "project " : "projects ")
                + String.join(", ", refusals.keySet().stream().map(UUID::toString).toList())
                + "; their events are parked in the dead-letter queue when the batch is tried again", cause);
        this.refusals = Map.copyOf(refusals);
    }

    /** Thrown by the handler of a refused project's first event, when the batch is tried again. */
    BoardRowsRefusedException(UUID projectId, Refusal refusal) {
        super("the database refused the board rows that this event of project " + projectId
                + " and the project's later events in its batch wrote: " + refusal.reason());
        this.refusals = Map.of(projectId, refusal);
    }

    Map<UUID, Refusal> refusals() {
        return refusals;
    }
}
