package io.taskledger.projections.board;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface BoardProjectRepository extends JpaRepository<BoardProject, UUID> {

    List<BoardProject> findAllByOrderByCreatedAtDesc();

    @Query("select p.version from BoardProject p where p.projectId = :projectId")
    Optional<Long> findVersion(UUID projectId);
}
