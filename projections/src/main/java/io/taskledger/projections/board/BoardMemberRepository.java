package io.taskledger.projections.board;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface BoardMemberRepository extends JpaRepository<BoardMember, BoardMember.Key> {

    @ReadOnlyRows
    List<BoardMember> findByProjectIdOrderByUsername(UUID projectId);

    boolean existsByProjectIdAndUsername(UUID projectId, String username);
}
