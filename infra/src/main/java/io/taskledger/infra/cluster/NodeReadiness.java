package io.taskledger.infra.cluster;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;
import io.taskledger.projections.ProjectionRebuilder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Readiness by role: {@code /health} has one component per role this node runs, named after it, and is 200 only when
 * each is UP (with the database, and the application's own readiness). Each checks what the role needs of this node,
 * never of another one, so a node does not leave the load balancer because another node or role is down:
 * <ul>
 * <li>{@code command}: the event store can be read and the lease deadlines' scheduler runs. It does not wait for the
 * read models, which commands never read (a command node without projections is ready however far behind they
 * are).</li>
 * <li>{@code query}: every read model can be read. How far behind the projections are is not readiness: a read that
 * must see a write waits for it with {@code X-Min-Version}.</li>
 * <li>{@code projections}: every tracking processor of this node runs.</li>
 * </ul>
 */
@Component
class NodeReadiness {

    NodeReadiness(NodeRoles roles, HealthContributorRegistry health, JdbcTemplate jdbc, Scheduler deadlineScheduler,
                  List<ProjectionRebuilder> readModels, EventProcessingConfiguration processing) {
        if (roles.runs(NodeRole.COMMAND)) {
            health.registerContributor("command", checked(() -> {
                jdbc.queryForList("SELECT 1 FROM domain_event_entry LIMIT 1");
                SchedulerState leases = deadlineScheduler.getSchedulerState();
                return leases.isStarted() && !leases.isShuttingDown() ? Health.up().build()
                        : Health.down().withDetail("leases", "the deadline scheduler is not running").build();
            }));
        }
        if (roles.runs(NodeRole.QUERY)) {
            health.registerContributor("query", checked(() -> {
                readModels.forEach(ProjectionRebuilder::checkReadable);
                return Health.up().build();
            }));
        }
        if (roles.runs(NodeRole.PROJECTIONS)) {
            health.registerContributor("projections", checked(() -> {
                List<String> stopped = processing.eventProcessors().values().stream()
                        .filter(TrackingEventProcessor.class::isInstance)
                        .filter(processor -> !processor.isRunning())
                        .map(processor -> processor.getName())
                        .toList();
                return stopped.isEmpty() ? Health.up().build() : Health.down().withDetail("stopped", stopped).build();
            }));
        }
    }

    /** DOWN, instead of an error answer, when the check cannot complete (the database is unreachable, say). */
    private static HealthIndicator checked(HealthIndicator check) {
        return () -> {
            try {
                return check.health();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }
}
