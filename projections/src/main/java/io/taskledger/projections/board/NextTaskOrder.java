package io.taskledger.projections.board;

import java.util.Comparator;

/**
 * Which startable task an agent should take first: the most urgent priority (in the enum's declared order), then
 * the oldest project (projects created at the same instant kept apart by id), then plan order.
 */
final class NextTaskOrder {

    static final Comparator<NextTaskCandidate> FIRST_TO_TAKE =
            Comparator.comparing((NextTaskCandidate candidate) -> candidate.task().getPriority())
                    .thenComparing(NextTaskCandidate::projectCreatedAt)
                    .thenComparing(candidate -> candidate.task().getProjectId())
                    .thenComparingInt(candidate -> candidate.task().getPosition());

    private NextTaskOrder() {
    }
}
