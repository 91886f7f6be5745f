package io.taskledger.projections.audit;

import io.taskledger.api.access.Caller;
import io.taskledger.api.event.MemberAdded;
import io.taskledger.api.event.MemberRemoved;
import io.taskledger.api.ids.ProjectId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Who may see a project, from the event store rather than the board: for a read the board has not caught up with (or
 * cannot, its events parked), so that it is answered "behind" to those who may see the project and "not found" to
 * everybody else. Reads the project's stream; only membership events are deserialized. Asked only when a read has
 * waited in vain, never on the way of an ordinary read; by {@code ProjectReadAccess}, which decides who may read a
 * project.
 */
@Component
public class StoredProjectAccess {

    private final ProjectEventLog log;

    public StoredProjectAccess(ProjectEventLog log) {
        this.log = log;
    }

    /** Whether the store holds the project and the viewer is a member by its events, or reads everything. */
    public boolean visible(ProjectId projectId, Caller viewer) {
        if (viewer.role().readsEverything()) {
            return log.exists(projectId);
        }
        String username = viewer.username();
        boolean member = false;
        try (Stream<? extends DomainEventMessage<?>> events = log.stream(projectId)) {
            Iterator<? extends DomainEventMessage<?>> each = events.iterator();
            while (each.hasNext()) {
                DomainEventMessage<?> event = each.next();
                Class<?> type = event.getPayloadType();
                if (type == MemberAdded.class && ((MemberAdded) event.getPayload()).username().equals(username)) {
                    member = true;
                } else if (type == MemberRemoved.class
                        && ((MemberRemoved) event.getPayload()).username().equals(username)) {
                    member = false;
                }
            }
        }
        return member;
    }
}
