package io.taskledger.infra.startup;

import io.taskledger.infra.cluster.NodeRole;
import io.taskledger.infra.cluster.NodeRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Runs every {@link StartupTask} in the lifecycle phase just before the web server's: Spring starts lifecycle beans
 * by ascending phase, so Axon (command bus, event processors) is already running and the port is not open yet. No
 * request, {@code /health} included, can be answered before they all succeeded.
 */
@Component
class StartupTasks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);

    private final ObjectProvider<StartupTask> tasks;
    private final NodeRoles roles;
    private volatile boolean running;

    StartupTasks(ObjectProvider<StartupTask> tasks, NodeRoles roles) {
        this.tasks = tasks;
        this.roles = roles;
    }

    @Override
    public void start() {
        List<StartupTask> ordered = tasks.orderedStream().toList();
        for (StartupTask task : ordered) {
            if (task.sendsCommands() && !roles.runs(NodeRole.COMMAND)) {
                log.info("Start-up task left to a node with the role command: {}", task.description());
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException failure) {
                throw new StartupFailedException(task.description(), failure);
            }
            log.debug("Start-up task done: {}", task.description());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }
}
