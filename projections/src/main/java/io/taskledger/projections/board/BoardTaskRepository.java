package io.taskledger.projections.board;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.UUID;

public interface BoardTaskRepository extends JpaRepository<BoardTask, BoardTask.Id> {

    List<BoardTask> findByProjectIdOrderByPosition(UUID projectId);

    @Query("""
            select new io.taskledger.projections.board.StatusCount(t.projectId, t.status, t.leaf, count(t))
            from BoardTask t group by t.projectId, t.status, t.leaf""")
    List<StatusCount> countByStatus();

    @Query("""
            select new io.taskledger.projections.board.StatusCount(t.projectId, t.status, t.leaf, count(t))
            from BoardTask t where t.projectId = :projectId group by t.projectId, t.status, t.leaf""")
    List<StatusCount> countByStatus(UUID projectId);

    /** READY leaves the agent may start, in projects not archived; {@link NextTaskOrder} picks among them. */
    @Query("""
            select new io.taskledger.projections.board.NextTaskCandidate(t, p.createdAt)
            from BoardTask t join BoardProject p on p.projectId = t.projectId
            where p.archived = false and t.leaf = true
              and t.status = io.taskledger.api.plan.TaskStatus.READY
              and (t.assignee = :agent or t.assignee is null)""")
    List<NextTaskCandidate> findStartableBy(String agent);

    @Query("""
            select new io.taskledger.projections.board.AssigneeStatusCount(t.assignee, t.status, count(t))
            from BoardTask t join BoardProject p on p.projectId = t.projectId
            where p.archived = false and t.assignee is not null
            group by t.assignee, t.status""")
    List<AssigneeStatusCount> countByAssigneeAndStatus();
}
