package io.taskledger.infra.integrity;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Chains every aggregate's events as they are appended: each event gets its {@link EventHash} in its metadata, over
 * its own content and the previous event's hash. The aggregates know nothing of it. The previous hash of the first
 * event of an append is read from the store, in the appending transaction; a concurrent append to the same aggregate
 * fails on the store's unique (aggregate, sequence) key, so a chain never forks.
 */
public class HashChainingEventStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Serializer eventSerializer;
    private final BiFunction<String, Long, Optional<String>> storedHash;

    /**
     * @param storedHash the hash stored with an aggregate's event of the given sequence number, if it has one
     */
    public HashChainingEventStorageEngine(EventStorageEngine delegate, Serializer eventSerializer,
                                          BiFunction<String, Long, Optional<String>> storedHash) {
        this.delegate = delegate;
        this.eventSerializer = eventSerializer;
        this.storedHash = storedHash;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, String> lastHashByAggregate = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                String aggregateId = domainEvent.getAggregateIdentifier();
                String previous = lastHashByAggregate.containsKey(aggregateId)
                        ? lastHashByAggregate.get(aggregateId)
                        : previousStoredHash(aggregateId, domainEvent.getSequenceNumber());
                String hash = EventHash.of(content(domainEvent), previous);
                lastHashByAggregate.put(aggregateId, hash);
                chained.add(domainEvent.andMetaData(Map.of(EventHash.METADATA_KEY, hash)));
            } else {
                chained.add(event);
            }
        }
        delegate.appendEvents(chained);
    }

    private String previousStoredHash(String aggregateId, long sequence) {
        return sequence == 0 ? "" : storedHash.apply(aggregateId, sequence - 1).orElse("");
    }

    /** The content as the storage engine will write it: the same serializer, the same timestamp format. */
    private EventHash.Content content(DomainEventMessage<?> event) {
        SerializedObject<byte[]> payload = eventSerializer.serialize(event.getPayload(), byte[].class);
        return new EventHash.Content(event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), payload.getType().getName(), payload.getType().getRevision(),
                DateTimeUtils.formatInstant(event.getTimestamp()), event.getMetaData(), payload.getData());
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
