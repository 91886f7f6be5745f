package io.taskledger.support;

import io.taskledger.api.event.ProjectEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for a handler that must never see an event twice (one that notifies someone): it counts what it was given,
 * per project, so a test sees whether a rebuild handed it events again.
 */
@Component
@Profile("test")
@ProcessingGroup("test-notifications")
public class SentNotifications {

    private static final Map<UUID, AtomicInteger> SENT = new ConcurrentHashMap<>();

    public static int sentFor(String projectId) {
        AtomicInteger sent = SENT.get(UUID.fromString(projectId));
        return sent == null ? 0 : sent.get();
    }

    @EventHandler
    @DisallowReplay
    void on(ProjectEvent event) {
        SENT.computeIfAbsent(event.projectId().value(), id -> new AtomicInteger()).incrementAndGet();
    }
}
