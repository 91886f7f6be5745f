package io.taskledger.projections.board;

import io.taskledger.api.plan.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BoardStatisticsTest {

    private final UUID projectId = UUID.randomUUID();

    @Test
    void every_status_is_counted_zero_included() {
        BoardStatistics statistics = BoardStatistics.of(List.of(
                count(TaskStatus.READY, true, 2), count(TaskStatus.READY, false, 1)));

        assertThat(statistics.countsByStatus()).containsOnlyKeys(TaskStatus.values());
        assertThat(statistics.countsByStatus().get(TaskStatus.READY)).isEqualTo(3);
        assertThat(statistics.countsByStatus().get(TaskStatus.FAILED)).isZero();
        assertThat(statistics.taskCount()).isEqualTo(3);
    }

    @Test
    void progress_is_succeeded_leaves_over_leaves_not_cancelled_rounded_down() {
        BoardStatistics statistics = BoardStatistics.of(List.of(
                count(TaskStatus.SUCCEEDED, true, 2),
                count(TaskStatus.SUCCEEDED, false, 5),
                count(TaskStatus.READY, true, 1),
                count(TaskStatus.CANCELLED, true, 4)));

        assertThat(statistics.progressPercent()).isEqualTo(66);
    }

    @Test
    void a_plan_without_leaves_to_do_has_no_progress() {
        assertThat(BoardStatistics.of(List.of()).progressPercent()).isZero();
        assertThat(BoardStatistics.of(List.of(count(TaskStatus.CANCELLED, true, 2))).progressPercent()).isZero();
    }

    private StatusCount count(TaskStatus status, boolean leaf, long tasks) {
        return new StatusCount(projectId, status, leaf, tasks);
    }
}
