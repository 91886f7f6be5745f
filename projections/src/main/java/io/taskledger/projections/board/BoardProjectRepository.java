package io.taskledger.projections.board;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.UUID;

public interface BoardProjectRepository extends JpaRepository<BoardProject, UUID> {

    /** Newest first: the projects the viewer is a member of, or every project when it reads everything. */
    @ReadOnlyRows
    @Query("""
            select p from BoardProject p
            where (:everything = true or exists (select 1 from BoardMember m
                    where m.projectId = p.projectId and m.username = :viewer))
            order by p.createdAt desc""")
    List<BoardProject> findVisible(boolean everything, String viewer);
}
