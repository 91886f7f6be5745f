package io.taskledger.projections.board;

import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.taskledger.projections.board.PlanFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

class NextTaskOrderTest {

    private record Project(UUID id, Instant createdAt) {
    }

    private final Project older = new Project(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"));
    private final Project newer = new Project(UUID.randomUUID(), Instant.parse("2026-02-01T00:00:00Z"));

    @Test
    void priorityComesFirstInItsDeclaredOrder() {
        NextTaskCandidate low = candidate(older, "LOW", Priority.LOW, 1);
        NextTaskCandidate critical = candidate(newer, "CRITICAL", Priority.CRITICAL, 9);
        NextTaskCandidate high = candidate(older, "HIGH", Priority.HIGH, 2);
        NextTaskCandidate medium = candidate(older, "MEDIUM", Priority.MEDIUM, 3);

        assertThat(List.of(low, medium, high, critical).stream().sorted(NextTaskOrder.FIRST_TO_TAKE))
                .containsExactly(critical, high, medium, low);
    }

    @Test
    void thenTheOlderProjectThenPlanOrder() {
        NextTaskCandidate newerProject = candidate(newer, "A", Priority.HIGH, 1);
        NextTaskCandidate laterInPlan = candidate(older, "B", Priority.HIGH, 7);
        NextTaskCandidate earlierInPlan = candidate(older, "C", Priority.HIGH, 3);

        assertThat(List.of(newerProject, laterInPlan, earlierInPlan).stream().sorted(NextTaskOrder.FIRST_TO_TAKE))
                .containsExactly(earlierInPlan, laterInPlan, newerProject);
    }

    private static NextTaskCandidate candidate(Project project, String key, Priority priority, int position) {
        BoardTask task = new BoardTask(project.id(), definition(key, TaskLevel.PHASE, null, null, priority, 3),
                position);
        return new NextTaskCandidate(task, project.createdAt());
    }
}
