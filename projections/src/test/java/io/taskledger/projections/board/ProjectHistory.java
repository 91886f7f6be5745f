package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The event stream of one project as the event store would deliver it: sequence numbers from 0, a minute apart. */
final class ProjectHistory {

    final ProjectId projectId = ProjectId.random();
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private Instant now;

    ProjectHistory(Instant start) {
        this.now = start;
    }

    DomainEventMessage<?> append(Object payload) {
        now = now.plusSeconds(60);
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Project", projectId.toString(),
                events.size(), payload, MetaData.emptyInstance(), UUID.randomUUID().toString(), now);
        events.add(message);
        return message;
    }

    List<DomainEventMessage<?>> events() {
        return List.copyOf(events);
    }

    long version() {
        return events.size() - 1;
    }

    Instant now() {
        return now;
    }
}
