package io.taskledger.projections.board;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface BoardAttemptRepository extends JpaRepository<BoardAttempt, BoardAttempt.Id> {

    @ReadOnlyRows
    List<BoardAttempt> findByProjectIdAndTaskKeyOrderByNumber(UUID projectId, String taskKey);
}
