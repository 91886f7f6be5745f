package io.taskledger.projections.board;

import io.taskledger.api.plan.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.stream.Stream;

import static io.taskledger.projections.board.PlanFixtures.keys;
import static io.taskledger.projections.board.PlanFixtures.phase;
import static io.taskledger.projections.board.PlanFixtures.subtask;
import static io.taskledger.projections.board.PlanFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectPlanTest {

    private final UUID projectId = UUID.randomUUID();
    private final BoardTask setup = new BoardTask(projectId, phase("P1"), 1);
    private final BoardTask build = new BoardTask(projectId, phase("P2", "P1"), 2);
    private final BoardTask backend = new BoardTask(projectId, task("P2-T1", "P2"), 3);
    private final BoardTask schema = new BoardTask(projectId, subtask("P2-T1-S1", "P2-T1", null), 4);
    private final BoardTask api = new BoardTask(projectId, subtask("P2-T1-S2", "P2-T1", null, "P2-T1-S1", "P1"), 5);

    private ProjectPlan plan() {
        return new ProjectPlan(Stream.of(setup, build, backend, schema, api).map(BoardTask::outline).toList());
    }

    @Test
    void a_task_is_blocked_by_its_own_prerequisites_then_its_ancestors_each_once() {
        assertThat(plan().blockedBy(api.getKey())).isEqualTo(keys("P2-T1-S1", "P1"));
        assertThat(plan().blockedBy(schema.getKey())).isEqualTo(keys("P1"));
        assertThat(plan().blockedBy(setup.getKey())).isEmpty();
    }

    @Test
    void succeeded_prerequisites_no_longer_block() {
        setup.moveTo(TaskStatus.SUCCEEDED);
        schema.moveTo(TaskStatus.IN_PROGRESS);

        assertThat(plan().blockedBy(api.getKey())).isEqualTo(keys("P2-T1-S1"));
        assertThat(plan().blockedBy(schema.getKey())).isEmpty();
    }

    @Test
    void children_are_the_direct_ones_in_plan_order() {
        assertThat(plan().childrenOf(backend.getKey())).isEqualTo(keys("P2-T1-S1", "P2-T1-S2"));
        assertThat(plan().childrenOf(build.getKey())).isEqualTo(keys("P2-T1"));
        assertThat(plan().childrenOf(api.getKey())).isEmpty();
    }
}
