package io.taskledger.projections.audit;

import io.taskledger.api.event.MemberAdded;
import io.taskledger.api.event.MemberRemoved;
import io.taskledger.api.query.FindProjectInEventStoreQuery;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Who may see a project, from the event store rather than the board: for a read the board has not caught up with (or
 * cannot, its events parked), so that it is answered "behind" to those who may see the project and "not found" to
 * everybody else. Reads the project's stream; only membership events are deserialized. Asked only when a read has
 * waited in vain, never on the way of an ordinary read.
 */
@Component
public class StoredProjectAccess {

    private final ProjectEventLog log;

    public StoredProjectAccess(ProjectEventLog log) {
        this.log = log;
    }

    @QueryHandler
    public Boolean handle(FindProjectInEventStoreQuery query) {
        if (query.viewer().role().readsEverything()) {
            return log.exists(query.projectId());
        }
        String username = query.viewer().username();
        boolean member = false;
        try (Stream<? extends DomainEventMessage<?>> events = log.stream(query.projectId())) {
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
