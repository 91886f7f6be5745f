package io.taskledger.projections.board;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface BoardTaskRepository extends JpaRepository<BoardTask, BoardTask.Id> {

    @ReadOnlyRows
    Optional<BoardTask> findByProjectIdAndTaskKey(UUID projectId, String taskKey);

    @Query("""
            select new io.taskledger.projections.board.StatusCount(t.projectId, t.status, t.leaf, count(t))
            from BoardTask t
            where :everything = true or exists (select 1 from BoardMember m
                    where m.projectId = t.projectId and m.username = :viewer)
            group by t.projectId, t.status, t.leaf""")
    List<StatusCount> countVisibleByStatus(boolean everything, String viewer);

    @Query("""
            select new io.taskledger.projections.board.StatusCount(t.projectId, t.status, t.leaf, count(t))
            from BoardTask t where t.projectId = :projectId group by t.projectId, t.status, t.leaf""")
    List<StatusCount> countByStatus(UUID projectId);

    @Query("""
            select new io.taskledger.projections.board.AssigneeStatusCount(t.assignee, t.status, count(t))
            from BoardTask t join BoardProject p on p.projectId = t.projectId
            where p.archived = false and t.assignee is not null
              and (:everything = true or exists (select 1 from BoardMember m
                    where m.projectId = p.projectId and m.username = :viewer))
            group by t.assignee, t.status""")
    List<AssigneeStatusCount> countByAssigneeAndStatus(boolean everything, String viewer);
}
