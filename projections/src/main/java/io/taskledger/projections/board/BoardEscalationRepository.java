package io.taskledger.projections.board;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface BoardEscalationRepository extends JpaRepository<BoardEscalation, Long> {

    Optional<BoardEscalation> findByProjectIdAndTaskKeyAndStatus(UUID projectId, String taskKey, String status);

    /** Oldest first, in projects the viewer may see; {@code status} null for every escalation. */
    @ReadOnlyRows
    @Query("""
            select new io.taskledger.projections.board.EscalationEntry(e, p, t)
            from BoardEscalation e
            join BoardProject p on p.projectId = e.projectId
            join BoardTask t on t.projectId = e.projectId and t.taskKey = e.taskKey
            where (:status is null or e.status = :status)
              and (:everything = true or exists (select 1 from BoardMember m
                    where m.projectId = p.projectId and m.username = :viewer))
            order by e.escalatedAt""")
    List<EscalationEntry> findInbox(String status, boolean everything, String viewer);
}
