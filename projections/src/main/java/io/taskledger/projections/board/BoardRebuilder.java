package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.timetravel.PointInTime;
import io.taskledger.projections.ProjectionRebuilder;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * Rebuilds the live task board from the first event without taking it away: project by project, the board is
 * replayed in memory by the same projection code (as time travel does) up to the version the live board shows, and
 * that project's rows are replaced in one transaction. Readers see the previous rows until it commits, then the
 * rebuilt ones; never an empty or half-built project. The project row stays locked ({@code FOR NO KEY UPDATE})
 * meanwhile, so the live processor's next change to that project waits and then applies on top of the rebuilt rows.
 * Only the board's own handlers run: nothing else (nothing that notifies) sees the events again.
 */
@Component
public class BoardRebuilder implements ProjectionRebuilder {

    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final BoardTimeTravel replay;

    public BoardRebuilder(EntityManager entityManager, PlatformTransactionManager transactionManager,
                          BoardTimeTravel replay) {
        this.entityManager = entityManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.replay = replay;
    }

    @Override
    public String projection() {
        return TaskBoardProjection.PROCESSING_GROUP;
    }

    /** The projects the board knows, oldest first. */
    @Override
    public List<String> keys() {
        return transactions.execute(status -> entityManager
                .createQuery("select p.projectId from BoardProject p order by p.createdAt, p.projectId", UUID.class)
                .getResultList()).stream().map(UUID::toString).toList();
    }

    @Override
    public void rebuild(String projectId) {
        rebuild(UUID.fromString(projectId));
    }

    public void rebuild(UUID projectId) {
        transactions.executeWithoutResult(status -> {
            List<?> locked = entityManager.createNativeQuery(
                            "SELECT version FROM board_project WHERE project_id = ? FOR NO KEY UPDATE")
                    .setParameter(1, projectId).getResultList();
            if (locked.isEmpty()) {
                return;
            }
            long version = ((Number) locked.get(0)).longValue();
            InMemoryBoardStore rebuilt = replay.rebuild(new ProjectId(projectId), new PointInTime(null, version))
                    .orElseThrow(() -> new IllegalStateException("project " + projectId + " has no events"));
            replaceRows(projectId, rebuilt);
        });
    }

    /** Children before parents on delete, parents before children on insert (the tables' foreign keys). */
    private void replaceRows(UUID projectId, InMemoryBoardStore rebuilt) {
        for (String entity : List.of("BoardMember", "BoardEscalation", "BoardAttempt", "BoardTask")) {
            entityManager.createQuery("delete from " + entity + " e where e.projectId = :projectId")
                    .setParameter("projectId", projectId).executeUpdate();
        }
        entityManager.clear();
        entityManager.merge(rebuilt.project(projectId).orElseThrow());
        rebuilt.tasksOf(projectId).forEach(entityManager::persist);
        entityManager.flush();
        rebuilt.attemptsOf(projectId).forEach(entityManager::persist);
        entityManager.flush();
        rebuilt.escalationsOf(projectId).forEach(entityManager::persist);
        rebuilt.membersOf(projectId).forEach(entityManager::persist);
        entityManager.flush();
    }
}
