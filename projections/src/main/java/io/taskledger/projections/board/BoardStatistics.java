package io.taskledger.projections.board;

import io.taskledger.api.plan.TaskStatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a project summary shows, from its task counts per status.
 *
 * @param countsByStatus  tasks of every level by status, every status present
 * @param progressPercent succeeded leaves as a share of the leaves not cancelled, rounded down, 0 when there are none
 */
record BoardStatistics(int taskCount, Map<TaskStatus, Integer> countsByStatus, int progressPercent) {

    static BoardStatistics of(List<StatusCount> counts) {
        Map<TaskStatus, Integer> byStatus = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            byStatus.put(status, 0);
        }
        long tasks = 0;
        long leavesSucceeded = 0;
        long leavesCounted = 0;
        for (StatusCount count : counts) {
            byStatus.merge(count.status(), Math.toIntExact(count.tasks()), Integer::sum);
            tasks += count.tasks();
            if (count.leaf() && count.status() != TaskStatus.CANCELLED) {
                leavesCounted += count.tasks();
                if (count.status() == TaskStatus.SUCCEEDED) {
                    leavesSucceeded += count.tasks();
                }
            }
        }
        int progress = leavesCounted == 0 ? 0 : (int) (leavesSucceeded * 100 / leavesCounted);
        return new BoardStatistics(Math.toIntExact(tasks), Collections.unmodifiableMap(byStatus), progress);
    }
}
