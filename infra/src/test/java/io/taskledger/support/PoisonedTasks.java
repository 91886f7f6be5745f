package io.taskledger.support;

import io.taskledger.api.event.TaskAdded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A handler of the task-board projection that fails, for tests, on a task whose title a test has poisoned: as a
 * projection bug would, on one project's event, while every other project's events keep flowing.
 */
@Component
@Profile("test")
@ProcessingGroup("task-board")
public class PoisonedTasks {

    private static final Set<String> POISONED_TITLES = ConcurrentHashMap.newKeySet();

    public static void poison(String title) {
        POISONED_TITLES.add(title);
    }

    public static void cure(String title) {
        POISONED_TITLES.remove(title);
    }

    @EventHandler
    void on(TaskAdded event) {
        if (POISONED_TITLES.contains(event.task().title())) {
            throw new IllegalStateException("poisoned task " + event.task().key() + " for a test");
        }
    }
}
