package io.taskledger.infra.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's membership of the cluster, kept in PostgreSQL (table {@code cluster_node}), the one coordinator every
 * node shares: a heartbeat every {@link #HEARTBEAT} while the node runs, and, after each, the work that depends on
 * knowing the live nodes ({@link Heartbeat} listeners, such as the segment balancer). No node talks to another.
 */
@Component
public class ClusterNodes implements SmartLifecycle {

    /** How often a node says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** A node not seen for this long is counted as gone (its token claims, 5 s, time out about then). */
    public static final Duration LIVENESS = Duration.ofSeconds(4);

    /** Work done after every heartbeat. */
    public interface Heartbeat {
        void afterHeartbeat(ClusterNodes nodes);
    }

    private static final Logger log = LoggerFactory.getLogger(ClusterNodes.class);

    private final JdbcTemplate jdbc;
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName();
    private final String roles;
    private final List<Heartbeat> listeners = new ArrayList<>();
    private ScheduledExecutorService heartbeats;
    private volatile boolean databaseReachable = true;

    public ClusterNodes(JdbcTemplate jdbc, NodeRoles roles) {
        this.jdbc = jdbc;
        this.roles = roles.toString();
    }

    public String nodeId() {
        return nodeId;
    }

    public void onHeartbeat(Heartbeat listener) {
        listeners.add(listener);
    }

    /** The live nodes that run the role (this one included when it does), never less than 1 if this one runs it. */
    public int liveNodesWith(NodeRole role) {
        Integer live = jdbc.queryForObject("SELECT count(*) FROM cluster_node WHERE last_seen > now() - make_interval("
                + "secs => ?) AND (',' || roles || ',') LIKE ?", Integer.class, LIVENESS.toMillis() / 1000.0,
                "%," + role.name().toLowerCase() + ",%");
        return live == null ? 0 : live;
    }

    private void beat() {
        try {
            jdbc.update("INSERT INTO cluster_node (node_id, roles) VALUES (?, ?) ON CONFLICT (node_id) DO UPDATE"
                    + " SET last_seen = now(), roles = excluded.roles", nodeId, roles);
            if (!databaseReachable) {
                log.info("The database is reachable again; node {} is back in the cluster", nodeId);
                databaseReachable = true;
            }
            for (Heartbeat listener : listeners) {
                listener.afterHeartbeat(this);
            }
        } catch (DataAccessException e) {
            if (databaseReachable) {
                log.warn("Node {} could not record its heartbeat: {}", nodeId, e.getMostSpecificCause().getMessage());
                databaseReachable = false;
            }
        } catch (RuntimeException e) {
            log.warn("Cluster housekeeping after the heartbeat failed", e);
        }
    }

    @Override
    public void start() {
        try {
            jdbc.update("DELETE FROM cluster_node WHERE last_seen < now() - interval '1 hour'");
        } catch (DataAccessException e) {
            log.warn("Could not forget long-gone nodes: {}", e.getMostSpecificCause().getMessage());
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats.scheduleWithFixedDelay(this::beat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
            jdbc.update("DELETE FROM cluster_node WHERE node_id = ?", nodeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DataAccessException e) {
            log.warn("Node {} could not leave the cluster table: {}", nodeId, e.getMostSpecificCause().getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null && !heartbeats.isShutdown();
    }

    /** After Axon's processors have started (they start in a phase of their own), and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
