package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.timetravel.PointInTime;
import io.taskledger.projections.ProjectionRebuilder;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BoardTimeTravel replay;
    private final BoardRowWriter rows;

    public BoardRebuilder(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, BoardTimeTravel replay) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.replay = replay;
        this.rows = new BoardRowWriter(jdbc);
    }

    @Override
    public String projection() {
        return TaskBoardProjection.PROCESSING_GROUP;
    }

    @Override
    public void checkReadable() {
        jdbc.queryForList("SELECT 1 FROM " + BoardTables.PROJECTS.name() + " LIMIT 1");
    }

    /** The projects the board knows, oldest first. */
    @Override
    public List<String> keys() {
        return jdbc.queryForList("SELECT project_id::text FROM board_project ORDER BY created_at, project_id",
                String.class);
    }

    @Override
    public void rebuild(String projectId) {
        rebuild(UUID.fromString(projectId));
    }

    public void rebuild(UUID projectId) {
        transactions.executeWithoutResult(status -> {
            List<Long> locked = jdbc.queryForList(
                    "SELECT version FROM board_project WHERE project_id = ? FOR NO KEY UPDATE", Long.class, projectId);
            if (locked.isEmpty()) {
                return;
            }
            InMemoryBoardStore rebuilt = replay.rebuild(new ProjectId(projectId), new PointInTime(null, locked.get(0)))
                    .orElseThrow(() -> new IllegalStateException("project " + projectId + " has no events"));
            rows.replace(projectId, rebuilt);
        });
    }
}
