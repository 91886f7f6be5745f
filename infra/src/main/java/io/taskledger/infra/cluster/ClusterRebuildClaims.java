package io.taskledger.infra.cluster;

import io.taskledger.infra.operations.ProjectionRebuilds;
import io.taskledger.infra.operations.RebuildClaims;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Rebuild claims in PostgreSQL (table {@code projection_rebuild}): one row per projection, claimed by the node that
 * runs its rebuild. A claim is taken in one statement, so two nodes starting the same rebuild at once cannot both get
 * it; a running claim of a node no longer live ({@link ClusterNodes#LIVENESS}) can be taken over.
 */
@Component
public class ClusterRebuildClaims implements RebuildClaims {

    private final JdbcTemplate jdbc;
    private final ClusterNodes nodes;

    public ClusterRebuildClaims(JdbcTemplate jdbc, ClusterNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    @Override
    public boolean claim(String projection, int total) {
        return jdbc.update("""
                INSERT INTO projection_rebuild (projection, node_id, running, done, total)
                VALUES (?, ?, true, 0, ?)
                ON CONFLICT (projection) DO UPDATE
                   SET node_id = excluded.node_id, running = true, done = 0, total = excluded.total,
                       failure = NULL, updated_at = now()
                 WHERE NOT projection_rebuild.running
                    OR projection_rebuild.node_id NOT IN (SELECT node_id FROM cluster_node
                                                           WHERE last_seen > now() - make_interval(secs => ?))
                """, projection, nodes.nodeId(), total, ClusterNodes.LIVENESS.toMillis() / 1000.0) == 1;
    }

    @Override
    public void progress(String projection, ProjectionRebuilds.Progress progress) {
        jdbc.update("UPDATE projection_rebuild SET running = ?, done = ?, total = ?, failure = ?, updated_at = now()"
                        + " WHERE projection = ? AND node_id = ?", progress.running(), progress.done(),
                progress.total(), progress.failure(), projection, nodes.nodeId());
    }

    @Override
    public Optional<ProjectionRebuilds.Progress> latest(String projection) {
        return jdbc.query("""
                SELECT running AND node_id IN (SELECT node_id FROM cluster_node
                                                WHERE last_seen > now() - make_interval(secs => ?)),
                       done, total,
                       CASE WHEN running AND node_id NOT IN (SELECT node_id FROM cluster_node
                                                              WHERE last_seen > now() - make_interval(secs => ?))
                            THEN 'the node running the rebuild stopped; start it again' ELSE failure END
                  FROM projection_rebuild WHERE projection = ?
                """, (row, n) -> new ProjectionRebuilds.Progress(row.getBoolean(1), row.getInt(2), row.getInt(3),
                        row.getString(4)), ClusterNodes.LIVENESS.toMillis() / 1000.0,
                ClusterNodes.LIVENESS.toMillis() / 1000.0, projection).stream().findFirst();
    }
}
